using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Flows;

/// <summary>
/// sFlow-RT's text forms of key values, written into caller spans. Every method returns the number of chars
/// written, or -1 when the destination is too small (callers treat that like a missing value).
/// </summary>
internal static class FlowFormat
{
    public static int Number(long value, Span<char> destination) =>
        value >= 0 ? Decimal((ulong)value, destination)
        : value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : -1;

    public static int Double(double value, Span<char> destination) =>
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture) ? written : -1;

    public static int Text(ReadOnlySpan<char> text, Span<char> destination) =>
        text.TryCopyTo(destination) ? text.Length : -1;

    public static int Boolean(bool value, Span<char> destination) => Text(value ? "true" : "false", destination);

    /// <summary>The low <paramref name="bits"/> bits of <paramref name="value"/>, most significant first (ipflags, ipecn, tcpflags).</summary>
    public static int Bits(uint value, int bits, Span<char> destination)
    {
        if (destination.Length < bits)
        {
            return -1;
        }

        for (var i = 0; i < bits; i++)
        {
            destination[i] = ((value >> (bits - 1 - i)) & 1) != 0 ? '1' : '0';
        }

        return bits;
    }

    /// <summary>A MAC as 12 upper-case hex digits with no separators (sFlow-RT <c>macsource</c>).</summary>
    public static int Mac(ReadOnlySpan<byte> mac, Span<char> destination)
    {
        if (destination.Length < mac.Length * 2)
        {
            return -1;
        }

        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < mac.Length; i++)
            {
                destination[i * 2] = "0123456789ABCDEF"[mac[i] >> 4];
                destination[(i * 2) + 1] = "0123456789ABCDEF"[mac[i] & 0xF];
            }

            return mac.Length * 2;
        }

        // Two chars per byte from a table, written as one 4-byte store.
        ref var target = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(destination));
        for (var i = 0; i < mac.Length; i++)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, i * 4), HexPairs[mac[i]]);
        }

        return mac.Length * 2;
    }

    /// <summary>An IPv4 (4 bytes) dotted quad or an IPv6 (16 bytes) address in RFC 5952 compressed form.</summary>
    public static int Address(ReadOnlySpan<byte> address, Span<char> destination)
    {
        if (address.Length == 4)
        {
            if (destination.Length >= 16 && BitConverter.IsLittleEndian)
            {
                // Each octet's digits and a dot from a table, as one 8-byte store (the dot after the last octet lands in
                // the 16th char, past the at most 15 of the text).
                ref var target = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(destination));
                var at = 0;
                for (var i = 0; i < 4; i++)
                {
                    var octet = OctetTexts[address[i]];
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, at * 2), octet & 0x3FFF_FFFF_FFFF_FFFFUL);
                    at += (int)(octet >> 62) + 1;
                }

                return at - 1;
            }

            // Dotted quad by hand: the general number formatter costs more than the rest of a flow key.
            if (destination.Length < QuadLength(address))
            {
                return -1;
            }

            var written = 0;
            for (var i = 0; i < 4; i++)
            {
                if (i > 0)
                {
                    destination[written++] = '.';
                }

                written += Decimal(address[i], destination[written..]);
            }

            return written;
        }

        return address.Length == 16 ? IPv6(address, destination) : -1;
    }

    /// <summary>A non-negative number in decimal digits; -1 when the destination is too small.</summary>
    private static int Decimal(ulong value, Span<char> destination)
    {
        var digits = 1;
        for (var rest = value; rest >= 10; rest /= 10)
        {
            digits++;
        }

        if (digits > destination.Length)
        {
            return -1;
        }

        // Two digits per division, from a table (ports, protocols and VLANs are all numbers of a few digits).
        var at = digits;
        while (value >= 10)
        {
            var next = value / 100;
            var pair = (int)(value - (next * 100)) * 2;
            destination[--at] = DigitPairs[pair + 1];
            destination[--at] = DigitPairs[pair];
            value = next;
        }

        if (at > 0)
        {
            destination[0] = (char)('0' + (int)value);
        }

        return digits;
    }

    private static int QuadLength(ReadOnlySpan<byte> address)
    {
        var length = 3;
        foreach (var part in address)
        {
            length += part >= 100 ? 3 : part >= 10 ? 2 : 1;
        }

        return length;
    }

    private static int IPv6(ReadOnlySpan<byte> address, Span<char> destination)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = BinaryPrimitives.ReadUInt16BigEndian(address[(i * 2)..]);
        }

        // RFC 5952: the longest run of two or more zero groups (the first on a tie) becomes "::".
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength && i - start >= 2)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        var written = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                if (destination.Length - written < 2)
                {
                    return -1;
                }

                destination[written++] = ':';
                if (i == 0)
                {
                    destination[written++] = ':';
                }

                i += bestLength - 1;
                if (i == 7)
                {
                    return written;
                }

                continue;
            }

            if (!groups[i].TryFormat(destination[written..], out var n, "x", CultureInfo.InvariantCulture))
            {
                return -1;
            }

            written += n;
            if (i < 7)
            {
                if (written >= destination.Length)
                {
                    return -1;
                }

                destination[written++] = ':';
            }
        }

        return written;
    }

    /// <summary>Parses an IPv4 or IPv6 address written by <see cref="Address"/> back into bytes, for key functions over computed text.</summary>
    public static int ParseAddress(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (!System.Net.IPAddress.TryParse(text, out var address))
        {
            return -1;
        }

        return address.TryWriteBytes(destination, out var written) ? written : -1;
    }

    /// <summary>sFlow-RT <c>ipdscpname</c>: the DiffServ code point names of RFC 4594/8622, else the number.</summary>
    public static int DscpName(int dscp, Span<char> destination) => dscp switch
    {
        0 => Text("be", destination),
        1 => Text("le", destination),
        8 => Text("cs1", destination),
        10 => Text("af11", destination),
        12 => Text("af12", destination),
        14 => Text("af13", destination),
        16 => Text("cs2", destination),
        18 => Text("af21", destination),
        20 => Text("af22", destination),
        22 => Text("af23", destination),
        24 => Text("cs3", destination),
        26 => Text("af31", destination),
        28 => Text("af32", destination),
        30 => Text("af33", destination),
        32 => Text("cs4", destination),
        34 => Text("af41", destination),
        36 => Text("af42", destination),
        38 => Text("af43", destination),
        40 => Text("cs5", destination),
        44 => Text("va", destination),
        46 => Text("ef", destination),
        48 => Text("cs6", destination),
        56 => Text("cs7", destination),
        _ => Number(dscp, destination),
    };

    /// <summary>sFlow-RT <c>dnsqtypename</c>: the IANA mnemonic of common QTYPEs, else the number.</summary>
    public static int DnsTypeName(int type, Span<char> destination) => type switch
    {
        1 => Text("A", destination),
        2 => Text("NS", destination),
        5 => Text("CNAME", destination),
        6 => Text("SOA", destination),
        12 => Text("PTR", destination),
        15 => Text("MX", destination),
        16 => Text("TXT", destination),
        28 => Text("AAAA", destination),
        33 => Text("SRV", destination),
        35 => Text("NAPTR", destination),
        41 => Text("OPT", destination),
        43 => Text("DS", destination),
        46 => Text("RRSIG", destination),
        47 => Text("NSEC", destination),
        48 => Text("DNSKEY", destination),
        64 => Text("SVCB", destination),
        65 => Text("HTTPS", destination),
        252 => Text("AXFR", destination),
        255 => Text("ANY", destination),
        257 => Text("CAA", destination),
        _ => Number(type, destination),
    };

    /// <summary>sFlow-RT <c>reason</c>: the names of sflow_drops.txt (sFlow drops extension), else the number.</summary>
    public static int DropReason(uint code, Span<char> destination)
    {
        string? name = code switch
        {
            <= 15 => IcmpReasons[(int)code],
            >= 256 and <= 302 => DropReasons[(int)code - 256],
            _ => null,
        };
        return name is null ? Number(code, destination) : Text(name, destination);
    }

    private static readonly string[] IcmpReasons =
    [
        "net_unreachable", "host_unreachable", "protocol_unreachable", "port_unreachable", "frag_needed",
        "src_route_failed", "dst_net_unknown", "dst_host_unknown", "src_host_isolated", "dst_net_prohibited",
        "dst_host_prohibited", "dst_net_tos_unreachable", "dst_host_tos_unreacheable", "comm_admin_prohibited",
        "host_precedence_violation", "precedence_cutoff",
    ];

    private static readonly string[] DropReasons =
    [
        "unknown", "ttl_exceeded", "acl", "no_buffer_space", "red", "traffic_shaping", "pkt_too_big",
        "src_mac_is_multicast", "vlan_tag_mismatch", "ingress_vlan_filter", "ingress_spanning_tree_filter",
        "port_list_is_empty", "port_loopback_filter", "blackhole_route", "non_ip", "uc_dip_over_mc_dmac",
        "dip_is_loopback_address", "sip_is_mc", "sip_is_loopback_address", "ip_header_corrupted",
        "ipv4_sip_is_limited_bc", "ipv6_mc_dip_reserved_scope", "ipv6_mc_dip_interface_local_scope",
        "unresolved_neigh", "mc_reverse_path_forwarding", "non_routable_packet", "decap_error", "overlay_smac_is_mc",
        "unknown_l2", "unknown_l3", "unknown_l3_exception", "unknown_buffer", "unknown_tunnel", "unknown_l4",
        "sip_is_unspecified", "mlag_port_isolation", "blackhole_arp_neigh", "src_mac_is_dmac", "dmac_is_reserved",
        "sip_is_class_e", "mc_dmac_mismatch", "sip_is_dip", "dip_is_local_network", "dip_is_link_local",
        "overlay_smac_is_dmac", "mtu_value_is_too_small", "unresolved_arp",
    ];

    private const string DigitPairs =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
        "8081828384858687888990919293949596979899";

    /// <summary>Per byte value: its two upper-case hex digits as two UTF-16 chars in one little-endian uint.</summary>
    private static readonly uint[] HexPairs = BuildHexPairs();

    /// <summary>
    /// Per byte value: its decimal digits then a dot, as four UTF-16 chars in one little-endian ulong, with the digit
    /// count in the top two bits (a dot's high byte is 0, so the bits are free).
    /// </summary>
    private static readonly ulong[] OctetTexts = BuildOctetTexts();

    private static uint[] BuildHexPairs()
    {
        var table = new uint[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = "0123456789ABCDEF"[i >> 4] | ((uint)"0123456789ABCDEF"[i & 0xF] << 16);
        }

        return table;
    }

    private static ulong[] BuildOctetTexts()
    {
        var table = new ulong[256];
        Span<char> digits = stackalloc char[3];
        for (var i = 0; i < 256; i++)
        {
            var count = Decimal((ulong)i, digits);
            ulong packed = 0;
            for (var d = 0; d < count; d++)
            {
                packed |= (ulong)digits[d] << (16 * d);
            }

            table[i] = packed | ((ulong)'.' << (16 * count)) | ((ulong)count << 62);
        }

        return table;
    }
}
