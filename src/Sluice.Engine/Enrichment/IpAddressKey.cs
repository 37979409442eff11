using System.Buffers.Binary;

namespace Sluice.Engine.Enrichment;

/// <summary>Reads 4- or 16-byte addresses as numbers; IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>) counts as IPv4.</summary>
internal static class IpAddressKey
{
    private static readonly UInt128 _ipv4MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>False for lengths other than 4 and 16.</summary>
    public static bool TryRead(ReadOnlySpan<byte> address, out bool isIpv4, out uint ipv4, out UInt128 ipv6)
    {
        if (address.Length == 4)
        {
            isIpv4 = true;
            ipv4 = BinaryPrimitives.ReadUInt32BigEndian(address);
            ipv6 = 0;
            return true;
        }
        if (address.Length == 16)
        {
            ipv6 = BinaryPrimitives.ReadUInt128BigEndian(address);
            isIpv4 = (ipv6 >> 32) == 0xFFFF;
            ipv4 = isIpv4 ? (uint)ipv6 : 0;
            return true;
        }
        isIpv4 = false;
        ipv4 = 0;
        ipv6 = 0;
        return false;
    }

    /// <summary>One 128-bit key per address, IPv4 as its mapped form so both spellings share a cache slot.</summary>
    public static UInt128 CacheKey(bool isIpv4, uint ipv4, UInt128 ipv6) => isIpv4 ? _ipv4MappedPrefix | ipv4 : ipv6;
}
