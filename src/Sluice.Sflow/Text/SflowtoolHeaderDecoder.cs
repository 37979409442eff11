using System.Buffers.Binary;

namespace Sluice.Sflow.Text;

/// <summary>
/// sflowtool's decode of a sampled packet header (sflowtool.md §4.4): Ethernet with 802.1Q/802.1ad tags,
/// LLC/SNAP, 802.11 data frames, then IPv4/IPv6 and the first bytes of TCP, UDP or ICMP. It mirrors
/// sflowtool field for field, except that <c>IPID</c> is printed in network order (sflowtool prints it
/// byte-swapped) and that it never reads beyond the header bytes.
/// </summary>
internal static class SflowtoolHeaderDecoder
{
    private const int EthernetHeaderSize = 14;
    private const int IPv4HeaderSize = 20;
    private const int IPv6HeaderSize = 40;

    /// <summary>Prints the fields that follow <c>headerBytes</c>: the link-layer decode, <c>IPSize</c>, the IP and L4 fields.</summary>
    public static void Decode(SflowtoolEmitter e, uint protocol, uint sampledPacketSize, uint stripped, ReadOnlySpan<byte> header)
    {
        var ipv4 = -1;
        var ipv6 = -1;
        switch (protocol)
        {
            case 1: // ETHERNET_ISO8023
                DecodeEthernet(e, header, out ipv4, out ipv6);
                break;
            case 11: // IPv4
                ipv4 = 0;
                break;
            case 12: // IPv6
                ipv6 = 0;
                break;
            case 15: // IEEE80211MAC
                Decode80211(e, header);
                break;
            case >= 2 and <= 18:
                e.Clear().Append("NO_DECODE headerProtocol=").Append(protocol).TextLine();
                break;
            default:
                e.Clear().Append("UNKNOWN headerProtocol=").AppendSigned((int)protocol).TextLine();
                break;
        }

        if (ipv4 >= 0)
        {
            // sflowtool prints IPSize as signed: it goes negative on inconsistent input.
            e.Clear().AppendSigned((int)(sampledPacketSize - stripped - (uint)ipv4)).Emit("IPSize");
            DecodeIPv4(e, header, ipv4);
        }
        else if (ipv6 >= 0)
        {
            e.Clear().AppendSigned((int)(sampledPacketSize - stripped - (uint)ipv6)).Emit("IPSize");
            DecodeIPv6(e, header, ipv6);
        }
    }

    private static void DecodeEthernet(SflowtoolEmitter e, ReadOnlySpan<byte> h, out int ipv4, out int ipv6)
    {
        ipv4 = -1;
        ipv6 = -1;
        if (h.Length < EthernetHeaderSize)
        {
            return;
        }

        e.Clear().AppendHex(h[..6]).Emit("dstMAC");
        e.Clear().AppendHex(h[6..12]).Emit("srcMAC");
        var at = 12;
        int typeLen = BinaryPrimitives.ReadUInt16BigEndian(h[at..]);
        at += 2;
        var depth = 0;
        while (typeLen is 0x8100 or 0x88A8 or 0x9100 or 0x9200 or 0x9300)
        {
            if (h.Length - at < 4)
            {
                return;
            }

            int tci = BinaryPrimitives.ReadUInt16BigEndian(h[at..]);
            var vlan = (uint)(tci & 0x0FFF);
            var priority = (uint)(tci >> 13);
            if (depth == 0)
            {
                e.Field("decodedVLAN", vlan);
                e.Field("decodedPriority", priority);
            }
            else
            {
                e.Clear().Append(vlan).Emit("decodedVLAN.", Depth(depth));
                e.Clear().Append(priority).Emit("decodedPriority.", Depth(depth));
            }

            typeLen = BinaryPrimitives.ReadUInt16BigEndian(h[(at + 2)..]);
            at += 4;
            depth++;
        }

        // sflowtool compares the whole header (not what is left) with the IPv4 header size here.
        if (h.Length < IPv4HeaderSize)
        {
            return;
        }

        if (typeLen is 0x0200 or 0x0201 or 0x0600 && h.Length - at >= 4)
        {
            var ipxChecksum = h[at] == 0xFF && h[at + 1] == 0xFF;
            int ipxLength = BinaryPrimitives.ReadUInt16BigEndian(h[(at + 2)..]);
            if (ipxChecksum && ipxLength >= 30 && ipxLength <= 30 + 546)
            {
                return; // IPX: not decoded
            }
        }

        if (typeLen <= 1500)
        {
            // 802.3 length: LLC, possibly SNAP.
            if (h.Length - at < 3)
            {
                return;
            }

            if (h[at] == 0xAA && h[at + 1] == 0xAA && h[at + 2] == 0x03)
            {
                at += 3;
                if (h.Length - at < 5)
                {
                    return;
                }

                if (h[at] != 0 || h[at + 1] != 0 || h[at + 2] != 0)
                {
                    e.Clear().AppendHex(h.Slice(at, 3), separator: '-').Emit("VSNAP_OUI");
                    return;
                }

                at += 3;
                typeLen = BinaryPrimitives.ReadUInt16BigEndian(h[at..]);
                at += 2;
            }
            else if (h[at] == 0x06 && h[at + 1] == 0x06 && (h[at + 2] & 0x01) != 0)
            {
                at += 3; // IP over 802.2
                typeLen = 0x0800;
            }
            else
            {
                return;
            }
        }

        e.Field("ethernet_type", (uint)typeLen);
        if (typeLen == 0x0800)
        {
            if (h.Length - at < IPv4HeaderSize || h[at] >> 4 != 4 || (h[at] & 0xF) < 5)
            {
                return;
            }

            ipv4 = at;
        }
        else if (typeLen == 0x86DD)
        {
            if (at >= h.Length || h[at] >> 4 != 6)
            {
                return;
            }

            ipv6 = at;
        }
    }

    private static ReadOnlySpan<char> Depth(int depth) => depth switch
    {
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5 => "5",
        6 => "6",
        7 => "7",
        8 => "8",
        9 => "9",
        _ => depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void Decode80211(SflowtoolEmitter e, ReadOnlySpan<byte> h)
    {
        if (h.Length < 24)
        {
            return;
        }

        var fc = h[0] | (h[1] << 8);
        var control = (fc >> 2) & 3;
        if (control != 2)
        {
            return; // only data frames carry addresses sflowtool prints
        }

        var toDS = ((fc >> 8) & 1) != 0;
        var fromDS = ((fc >> 9) & 1) != 0;
        var addr1 = h.Slice(4, 6);
        var addr2 = h.Slice(10, 6);
        var addr3 = h.Slice(16, 6);
        ReadOnlySpan<byte> src;
        ReadOnlySpan<byte> dst;
        if (toDS)
        {
            dst = addr3;
            if (fromDS)
            {
                if (h.Length < 30)
                {
                    return;
                }

                src = h.Slice(24, 6); // wireless bridge: address 4
            }
            else
            {
                src = addr2;
            }
        }
        else
        {
            dst = addr1;
            src = fromDS ? addr3 : addr2;
        }

        e.Clear().AppendHex(src).Emit("srcMAC");
        e.Clear().AppendHex(dst).Emit("dstMAC");
        e.Clear().AppendHex(addr2).Emit("txMAC");
        e.Clear().AppendHex(addr1).Emit("rxMAC");
    }

    private static void DecodeIPv4(SflowtoolEmitter e, ReadOnlySpan<byte> h, int at)
    {
        if (h.Length - at < IPv4HeaderSize)
        {
            return;
        }

        var ip = h[at..];
        var protocol = ip[9];
        e.Field("ip.tot_len", BinaryPrimitives.ReadUInt16BigEndian(ip[2..]));
        e.Clear().AppendIP(ip.Slice(12, 4)).Emit("srcIP");
        e.Clear().AppendIP(ip.Slice(16, 4)).Emit("dstIP");
        e.Field("IPProtocol", protocol);
        e.Field("IPTOS", ip[1]);
        e.Field("IPTTL", ip[8]);

        // Correction: sflowtool prints the ID without ntohs (byte-swapped on little-endian hosts).
        e.Field("IPID", BinaryPrimitives.ReadUInt16BigEndian(ip[4..]));
        var fragmentOffset = (uint)(BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF);
        if (fragmentOffset > 0)
        {
            e.Field("IPFragmentOffset", fragmentOffset);
            return;
        }

        var headerBytes = (ip[0] & 0x0F) * 4;
        if (h.Length - at < headerBytes)
        {
            return;
        }

        DecodeLayer4(e, h, at + headerBytes, protocol);
    }

    private static void DecodeIPv6(SflowtoolEmitter e, ReadOnlySpan<byte> h, int at)
    {
        if (h.Length - at < IPv6HeaderSize)
        {
            return;
        }

        var ip = h[at..];
        var version = ip[0] >> 4;
        if (version != 6)
        {
            e.Clear().Append("header decode error: unexpected IP version: ").Append((uint)version).TextLine();
            return;
        }

        e.Field("IPTOS", (uint)(((ip[0] & 0x0F) << 4) + (ip[1] >> 4)));
        var label = (uint)(((ip[1] & 0x0F) << 16) + (ip[2] << 8) + ip[3]);
        e.Clear().Append("0x").AppendHexNumber(label).Emit("IP6_label");
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (payloadLength == 0)
        {
            e.Field("IPV6_payloadLen", "<jumbo>");
        }
        else
        {
            e.Field("IPV6_payloadLen", (uint)payloadLength);
        }

        uint next = ip[6];
        e.Field("IPTTL", ip[7]);
        e.Clear().AppendIP(ip.Slice(8, 16)).Emit("srcIP6");
        e.Clear().AppendIP(ip.Slice(24, 16)).Emit("dstIP6");
        var p = at + IPv6HeaderSize;

        // Hop-by-hop, routing, fragment, AH and destination options are skipped; ESP (50) stops the walk.
        while (next is 0 or 43 or 44 or 51 or 60)
        {
            e.Field("IP6HeaderExtension", next);
            if (h.Length - p < 2)
            {
                return;
            }

            next = h[p];
            p += 8 * (h[p + 1] + 1);
            if (p > h.Length)
            {
                return;
            }
        }

        e.Field("IPProtocol", next);
        DecodeLayer4(e, h, p, next);
    }

    private static void DecodeLayer4(SflowtoolEmitter e, ReadOnlySpan<byte> h, int at, uint protocol)
    {
        if (at > h.Length - 8)
        {
            return; // sflowtool wants 8 bytes of L4 header
        }

        var l4 = h[at..];
        switch (protocol)
        {
            case 1: // ICMP
                e.Field("ICMPType", l4[0]);
                e.Field("ICMPCode", l4[1]);
                break;
            case 6: // TCP
                e.Field("TCPSrcPort", BinaryPrimitives.ReadUInt16BigEndian(l4));
                e.Field("TCPDstPort", BinaryPrimitives.ReadUInt16BigEndian(l4[2..]));

                // Flags sit at byte 13; with only 8 bytes captured sflowtool reads past them, we print 0.
                e.Field("TCPFlags", l4.Length > 13 ? l4[13] : 0u);
                break;
            case 17: // UDP
                e.Field("UDPSrcPort", BinaryPrimitives.ReadUInt16BigEndian(l4));
                e.Field("UDPDstPort", BinaryPrimitives.ReadUInt16BigEndian(l4[2..]));
                e.Field("UDPBytes", BinaryPrimitives.ReadUInt16BigEndian(l4[4..]));
                break;
        }
    }
}
