using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// An IPv4 or IPv6 prefix (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, or a bare address as a host prefix), matched
/// against raw address bytes without allocating: the forwarding allow-list and the tenants' <c>cidr</c> filters.
/// </summary>
public readonly record struct AddressBlock
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private AddressBlock(bool isIPv6, UInt128 network, int prefixLength)
    {
        IsIPv6 = isIPv6;
        PrefixLength = prefixLength;
        UInt128 all = isIPv6 ? UInt128.MaxValue : uint.MaxValue;
        _mask = prefixLength == 0 ? UInt128.Zero : (all << ((isIPv6 ? 128 : 32) - prefixLength)) & all;
        _network = network & _mask;
    }

    public bool IsIPv6 { get; }

    public int PrefixLength { get; }

    /// <summary>Parses <c>address/length</c> or a bare address; host bits beyond the prefix are ignored.</summary>
    public static bool TryParse(string? text, out AddressBlock block)
    {
        block = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.Trim() : text[..slash].Trim();
        if (!IPAddress.TryParse(addressText, out var address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            return false;
        }

        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (!isIPv6 && addressText.AsSpan().Count('.') != 3)
        {
            // The runtime also reads inet_aton's short forms ("10.1" is 10.0.0.1): too surprising in an allow-list.
            return false;
        }

        var bits = isIPv6 ? 128 : 32;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bits))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        block = new AddressBlock(isIPv6, Value(bytes[..written]), length);
        return true;
    }

    /// <exception cref="FormatException">The text is not an address or prefix.</exception>
    public static AddressBlock Parse(string text) =>
        TryParse(text, out var block) ? block : throw new FormatException($"'{text}' is not an IP address or CIDR prefix");

    /// <summary>True when the address (4 or 16 bytes, network order) lies in this block.</summary>
    public bool Contains(ReadOnlySpan<byte> address) =>
        (address.Length == 16) == IsIPv6 && (address.Length is 4 or 16) && (Value(address) & _mask) == _network;

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var written) && Contains(bytes[..written]);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIPv6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, _network);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)_network);
        }

        return $"{new IPAddress(bytes[..(IsIPv6 ? 16 : 4)])}/{PrefixLength}";
    }

    private static UInt128 Value(ReadOnlySpan<byte> address) => address.Length == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(address)
        : BinaryPrimitives.ReadUInt128BigEndian(address);
}
