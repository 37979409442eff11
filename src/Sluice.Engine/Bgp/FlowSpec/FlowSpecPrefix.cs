using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// A destination or source prefix component: an IPv4 prefix (RFC 8955 §4.2.2.1), or an IPv6 pattern of the bits
/// [<see cref="Offset"/>, <see cref="Length"/>) of the address (RFC 8956 §3.1). Bits outside that range are zero,
/// so equal prefixes are equal records.
/// </summary>
public sealed record FlowSpecPrefix
{
    public FlowSpecPrefix(IPAddress address, int length, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length < 0 || length > bits)
        {
            throw new FormatException($"prefix length {length} is outside 0..{bits}");
        }

        if (offset < 0 || offset > length || (bits == 32 && offset != 0))
        {
            throw new FormatException(bits == 32 ? "an IPv4 prefix has no offset" : $"offset {offset} is beyond the prefix length {length}");
        }

        var bytes = address.GetAddressBytes();
        for (var bit = 0; bit < bits; bit++)
        {
            if (bit < offset || bit >= length)
            {
                bytes[bit >> 3] &= (byte)~(0x80 >> (bit & 7));
            }
        }

        Address = new IPAddress(bytes);
        Length = length;
        Offset = offset;
    }

    public IPAddress Address { get; }

    public int Length { get; }

    public int Offset { get; }

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Parses <c>10.0.0.1</c>, <c>10.0.0.0/24</c>, <c>2001:db8::/32</c> or <c>2001:db8::/64/32</c> (prefix/length/offset, as exabgp writes it).</summary>
    public static FlowSpecPrefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('/');
        if (parts.Length > 3 || !IPAddress.TryParse(parts[0], out var address))
        {
            throw new FormatException($"'{text}' is not an address or prefix");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = parts.Length > 1 ? Number(parts[1], text) : bits;
        var offset = parts.Length > 2 ? Number(parts[2], text) : 0;
        return new FlowSpecPrefix(address, length, offset);
    }

    /// <summary><c>10.0.0.1/32</c>; an IPv6 pattern with an offset adds it: <c>::1:0:0:0/96/64</c>.</summary>
    public override string ToString() => Offset == 0 ? $"{Address}/{Length}" : $"{Address}/{Length}/{Offset}";

    private static int Number(string part, string text) =>
        int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}': '{part}' is not a number of bits");
}
