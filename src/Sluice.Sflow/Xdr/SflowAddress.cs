using System.Buffers.Binary;
using System.Net;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Xdr;

/// <summary>
/// An IPv4 or IPv6 address held inline (no allocation), as carried in sFlow <c>address</c> fields.
/// </summary>
public readonly struct SflowAddress : IEquatable<SflowAddress>
{
    private readonly Bytes16 _bytes;

    public SflowAddressType Type { get; }

    private SflowAddress(SflowAddressType type, ReadOnlySpan<byte> bytes)
    {
        Type = type;
        bytes.CopyTo(_bytes);
    }

    public static SflowAddress FromIPv4(ReadOnlySpan<byte> bytes) =>
        new(SflowAddressType.IPv4, bytes[..4]);

    public static SflowAddress FromIPv6(ReadOnlySpan<byte> bytes) =>
        new(SflowAddressType.IPv6, bytes[..16]);

    public static SflowAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> buffer = stackalloc byte[16];
        address.TryWriteBytes(buffer, out var written);
        return written == 4 ? FromIPv4(buffer) : FromIPv6(buffer);
    }

    /// <summary>The address bytes: 4 for IPv4, 16 for IPv6, none when unknown.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => Type switch
    {
        SflowAddressType.IPv4 => ((ReadOnlySpan<byte>)_bytes)[..4],
        SflowAddressType.IPv6 => _bytes,
        _ => [],
    };

    /// <summary>The IPv4 address as a host-order integer, or 0.</summary>
    public uint IPv4Value => Type == SflowAddressType.IPv4 ? BinaryPrimitives.ReadUInt32BigEndian(Bytes) : 0;

    public IPAddress ToIPAddress() => Type == SflowAddressType.Unknown ? IPAddress.None : new IPAddress(Bytes);

    /// <summary>Formats as sFlow-RT and most tools do: dotted quad or RFC 5952 IPv6.</summary>
    public override string ToString() => Type == SflowAddressType.Unknown ? "-" : ToIPAddress().ToString();

    // The bytes past an IPv4 address are always zero (fields start zeroed and only 4 are copied), so all 16 compare:
    // one fixed-size vector compare, with no branch on the type to slice the spans. Agents are compared per datagram.
    public bool Equals(SflowAddress other) => Type == other.Type && ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);

    /// <summary>Copies the address bytes (4 or 16) to <paramref name="destination"/>; returns how many.</summary>
    public int CopyTo(Span<byte> destination)
    {
        Bytes.CopyTo(destination);
        return Bytes.Length;
    }

    public override bool Equals(object? obj) => obj is SflowAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(SflowAddress left, SflowAddress right) => left.Equals(right);

    public static bool operator !=(SflowAddress left, SflowAddress right) => !left.Equals(right);

    [InlineArray(16)]
    private struct Bytes16
    {
        private byte _element0;
    }
}
