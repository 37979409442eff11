using System.Buffers.Binary;
using System.Net;

namespace Sluice.Sflow.Pcap;

/// <summary>
/// An IPv4 or IPv6 address held in two 64-bit words, so that packets can be described without allocating an
/// <see cref="IPAddress"/> each. IPv4 is kept in its IPv4-mapped IPv6 form (RFC 4291 §2.5.5.2) plus a flag, so the
/// 16-byte form is always defined.
/// </summary>
public readonly struct IpAddressBytes : IEquatable<IpAddressBytes>
{
    private const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000;

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly bool _isIPv4;

    private IpAddressBytes(ulong high, ulong low, bool isIPv4)
    {
        _high = high;
        _low = low;
        _isIPv4 = isIPv4;
    }

    /// <summary>True for an IPv4 address (4 bytes), false for IPv6 (16 bytes).</summary>
    public bool IsIPv4 => _isIPv4;

    /// <summary>4 for IPv4, 16 for IPv6.</summary>
    public int Length => _isIPv4 ? 4 : 16;

    /// <summary>The IPv4 address as a network-order value (a.b.c.d = 0xaabbccdd); 0 for IPv6.</summary>
    public uint IPv4Value => _isIPv4 ? (uint)_low : 0;

    /// <summary>Builds an IPv4 address from 4 bytes in network order.</summary>
    public static IpAddressBytes FromIPv4(ReadOnlySpan<byte> address) =>
        FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(address));

    /// <summary>Builds an IPv4 address from its network-order value (a.b.c.d = 0xaabbccdd).</summary>
    public static IpAddressBytes FromIPv4(uint value) => new(0, MappedPrefixLow | value, isIPv4: true);

    /// <summary>Builds an IPv6 address from 16 bytes in network order.</summary>
    public static IpAddressBytes FromIPv6(ReadOnlySpan<byte> address) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(address), BinaryPrimitives.ReadUInt64BigEndian(address[8..]), isIPv4: false);

    /// <summary>Converts from <see cref="IPAddress"/> (allocation-free for the caller's hot path once built).</summary>
    public static IpAddressBytes FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? FromIPv4(bytes) : FromIPv6(bytes);
    }

    /// <summary>Writes the 4 (IPv4) or 16 (IPv6) address bytes; returns the count written.</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_isIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        return 16;
    }

    /// <summary>Writes the 16-byte form (IPv4-mapped for IPv4).</summary>
    public void CopyTo16(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>Allocates an <see cref="IPAddress"/>; for display and configuration, not per packet.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = CopyTo(bytes);
        return new IPAddress(bytes[..length]);
    }

    public override string ToString() => ToIPAddress().ToString();

    public bool Equals(IpAddressBytes other) => _high == other._high && _low == other._low && _isIPv4 == other._isIPv4;

    public override bool Equals(object? obj) => obj is IpAddressBytes other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low, _isIPv4);

    public static bool operator ==(IpAddressBytes left, IpAddressBytes right) => left.Equals(right);

    public static bool operator !=(IpAddressBytes left, IpAddressBytes right) => !left.Equals(right);
}
