using System.Buffers.Binary;

namespace Sluice.Engine.Generator;

/// <summary>
/// Where the generator's sampled packets come from and go to. Outside addresses are drawn from large, long-standing
/// allocations of a few countries, so that country (and ASN) lookups on generated traffic give meaningful answers;
/// inside addresses are RFC 1918 (IPv4) and one ULA /48 (IPv6). None of these addresses is ever contacted: they are
/// only bytes inside sampled headers.
/// </summary>
/// <remarks>
/// The blocks (country, holder, RIR):
/// US 12.0.0.0/8 (AT&amp;T, ARIN), 17.0.0.0/8 (Apple, ARIN), 73.0.0.0/8 (Comcast, ARIN);
/// DE 84.128.0.0/10 and 91.0.0.0/10 (Deutsche Telekom, RIPE); GB 86.128.0.0/10 and 81.128.0.0/11 (BT, RIPE);
/// FR 90.0.0.0/9 (Orange, RIPE), 78.192.0.0/10 (Free, RIPE); JP 126.0.0.0/8 (SoftBank, APNIC), 133.0.0.0/8
/// (JPNIC academic networks); CN 222.64.0.0/12 and 116.224.0.0/12 (China Telecom, APNIC); KR 175.192.0.0/10 (KT,
/// APNIC); IN 117.192.0.0/10 (BSNL, APNIC); AU 1.120.0.0/13 (Telstra, APNIC); BR 177.0.0.0/9 (LACNIC, Brazilian ISPs);
/// RU 95.24.0.0/13 (VimpelCom, RIPE). IPv6: 2003::/19 (Deutsche Telekom, DE), 2a01:e00::/26 (Free, FR),
/// 2001:4860::/32 (Google, US), 240e::/20 (China Telecom, CN). Public resolvers 8.8.8.8, 1.1.1.1, 9.9.9.9 and
/// NTP servers in the same blocks serve DNS and NTP.
/// </remarks>
internal static class AddressRanges
{
    /// <summary>IPv4 blocks as (first address, prefix length, country), weighted by how often traffic goes there.</summary>
    public static readonly (uint Prefix, int Length, string Country, int Weight)[] OutsideIPv4 =
    [
        (V4(12, 0, 0, 0), 8, "US", 10),
        (V4(17, 0, 0, 0), 8, "US", 6),
        (V4(73, 0, 0, 0), 8, "US", 8),
        (V4(84, 128, 0, 0), 10, "DE", 5),
        (V4(91, 0, 0, 0), 10, "DE", 3),
        (V4(86, 128, 0, 0), 10, "GB", 4),
        (V4(81, 128, 0, 0), 11, "GB", 2),
        (V4(90, 0, 0, 0), 9, "FR", 3),
        (V4(78, 192, 0, 0), 10, "FR", 2),
        (V4(126, 0, 0, 0), 8, "JP", 3),
        (V4(133, 0, 0, 0), 8, "JP", 1),
        (V4(222, 64, 0, 0), 12, "CN", 3),
        (V4(116, 224, 0, 0), 12, "CN", 2),
        (V4(175, 192, 0, 0), 10, "KR", 2),
        (V4(117, 192, 0, 0), 10, "IN", 2),
        (V4(1, 120, 0, 0), 13, "AU", 1),
        (V4(177, 0, 0, 0), 9, "BR", 2),
        (V4(95, 24, 0, 0), 13, "RU", 1),
    ];

    /// <summary>IPv6 blocks: the first 32 bits and the prefix length (at most 32 bits are fixed here).</summary>
    public static readonly (uint High32, int Length, string Country)[] OutsideIPv6 =
    [
        (0x2003_0000, 19, "DE"),
        (0x2A01_0E00, 26, "FR"),
        (0x2001_4860, 32, "US"),
        (0x240E_0000, 20, "CN"),
    ];

    /// <summary>Google, Cloudflare and Quad9 public resolvers.</summary>
    public static readonly uint[] PublicResolvers = [V4(8, 8, 8, 8), V4(1, 1, 1, 1), V4(9, 9, 9, 9)];

    /// <summary>The inside IPv6 network: fd53:6c75:6963::/48 (a ULA, "Slui" in ASCII).</summary>
    public const ulong InsideIPv6High = 0xFD53_6C75_6963_0000UL;

    private static readonly int TotalWeight = SumWeights();

    public static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    /// <summary>A random host in one of the outside IPv4 blocks, picked by weight.</summary>
    public static uint NextOutsideIPv4(ref FastRandom random)
    {
        var pick = random.Next(TotalWeight);
        foreach (var (prefix, length, _, weight) in OutsideIPv4)
        {
            if (pick < weight)
            {
                var hostBits = 32 - length;
                var host = random.NextUInt32() & ((1u << hostBits) - 1);
                host = host is 0 or 255 ? 10u : host; // avoid network and broadcast-looking addresses
                return prefix | host;
            }

            pick -= weight;
        }

        return OutsideIPv4[0].Prefix | 1;
    }

    /// <summary>A random inside IPv4 host: mostly 10/8, some 172.16/12 and 192.168/16.</summary>
    public static uint NextInsideIPv4(ref FastRandom random)
    {
        var roll = random.Next(10);
        var host = random.NextUInt32();
        var low = (byte)(2 + random.Next(250));
        return roll switch
        {
            < 7 => V4(10, (byte)(host >> 16), (byte)(host >> 8), low),
            < 9 => V4(172, (byte)(16 + ((host >> 16) & 15)), (byte)(host >> 8), low),
            _ => V4(192, 168, (byte)(host >> 8), low),
        };
    }

    public static void WriteOutsideIPv6(ref FastRandom random, Span<byte> destination)
    {
        var (high32, length, _) = OutsideIPv6[random.Next(OutsideIPv6.Length)];
        var freeBits = 32 - length;
        var high = high32 | (freeBits == 0 ? 0 : random.NextUInt32() & ((1u << freeBits) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination, high);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], random.NextUInt32());
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], random.NextUInt64() | 1);
    }

    public static void WriteInsideIPv6(ref FastRandom random, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, InsideIPv6High | (uint)random.Next(16));
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], random.NextUInt64() | 1);
    }

    private static int SumWeights()
    {
        var total = 0;
        foreach (var block in OutsideIPv4)
        {
            total += block.Weight;
        }

        return total;
    }
}
