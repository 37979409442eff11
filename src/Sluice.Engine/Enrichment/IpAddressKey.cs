using System.Buffers.Binary;

namespace Sluice.Engine.Enrichment;

/// <summary>Reads 4- or 16-byte addresses as numbers; IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>) counts as IPv4.</summary>
internal static class IpAddressKey
{
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

    /// <summary>
    /// One 128-bit key per address as two halves, IPv4 as its mapped form so both spellings share a cache slot. Read
    /// straight from the bytes: cheaper per lookup than <see cref="TryRead"/> and 128-bit arithmetic.
    /// </summary>
    public static bool TryReadCacheKey(ReadOnlySpan<byte> address, out ulong high, out ulong low)
    {
        if (address.Length == 4)
        {
            high = 0;
            low = 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(address);
            return true;
        }

        if (address.Length == 16)
        {
            high = BinaryPrimitives.ReadUInt64BigEndian(address);
            low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
            return true;
        }

        high = low = 0;
        return false;
    }
}
