using System.Net;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>Prefixes in the NLRI encoding of RFC 4271 §4.3: a length in bits, then just the octets that hold them.</summary>
public static class BgpPrefixes
{
    public static void Write(BgpMessageWriter writer, IPNetwork prefix)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)prefix.PrefixLength);
        writer.WriteBytes(prefix.BaseAddress.GetAddressBytes().AsSpan(0, (prefix.PrefixLength + 7) / 8));
    }

    /// <summary>Reads every prefix of a field; host bits are cleared.</summary>
    /// <exception cref="FormatException">A length is beyond the address size or the octets run out.</exception>
    public static List<IPNetwork> ReadAll(ReadOnlySpan<byte> field, bool ipv6)
    {
        var prefixes = new List<IPNetwork>();
        var bits = ipv6 ? 128 : 32;
        var at = 0;
        while (at < field.Length)
        {
            int length = field[at];
            var octets = (length + 7) / 8;
            if (length > bits)
            {
                throw new FormatException($"offset {at}: prefix length {length} is beyond {bits}");
            }

            if (at + 1 + octets > field.Length)
            {
                throw new FormatException($"offset {at}: a /{length} prefix runs past the end of the field");
            }

            prefixes.Add(Create(field.Slice(at + 1, octets), length, ipv6));
            at += 1 + octets;
        }

        return prefixes;
    }

    /// <summary>The prefix of <paramref name="address"/> with host bits cleared.</summary>
    public static IPNetwork Create(ReadOnlySpan<byte> address, int length, bool ipv6)
    {
        var bytes = new byte[ipv6 ? 16 : 4];
        address[..Math.Min(address.Length, bytes.Length)].CopyTo(bytes);
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit >> 3] &= (byte)~(0x80 >> (bit & 7));
        }

        return new IPNetwork(new IPAddress(bytes), length);
    }

    /// <summary>Parses <c>10.0.0.1</c> (a host route) or <c>10.0.0.0/24</c>; host bits are cleared.</summary>
    public static IPNetwork Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            throw new FormatException($"'{text}' is not an address or prefix");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var ipv6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var bits = ipv6 ? 128 : 32;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length) || length > bits))
        {
            throw new FormatException($"'{text}': the prefix length is not 0..{bits}");
        }

        return Create(address.GetAddressBytes(), length, ipv6);
    }
}
