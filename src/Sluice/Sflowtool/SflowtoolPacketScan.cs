using System.Buffers.Binary;

namespace Sluice.Sflowtool;

/// <summary>
/// sflowtool's decode of a sampled header, reduced to the sample state it leaves behind (MACs, EtherType,
/// innermost VLAN tag, IP addresses, protocol, ToS, TTL, ports, TCP flags and where the L4 payload starts).
/// Same walk as sflowtool, but every read is bounds-checked: where sflowtool would read past the header we stop.
/// </summary>
internal static class SflowtoolPacketScan
{
    private const int EthernetHeader = 14;
    private const int IPv4Header = 20;
    private const int IPv6Header = 40;

    public static void Scan(SflowtoolSampleState s, uint protocol, uint sampledPacketSize, uint stripped, ReadOnlySpan<byte> h)
    {
        s.SampledPacketSize = sampledPacketSize;
        s.Stripped = stripped;
        s.SetHeader(h);
        var ipv4 = -1;
        var ipv6 = -1;
        switch (protocol)
        {
            case 1: // sFlow v5 header_protocol ETHERNET_ISO8023
                LinkLayer(s, h, out ipv4, out ipv6);
                break;
            case 11: // IPv4
                ipv4 = 0;
                s.OffsetToIPv4 = 0;
                break;
            case 12: // IPv6
                ipv6 = 0;
                break;
            case 15: // IEEE80211MAC
                Wifi(s, h);
                break;
        }

        if (ipv4 >= 0)
        {
            IPv4(s, h, ipv4);
        }
        else if (ipv6 >= 0)
        {
            IPv6(s, h, ipv6);
        }
    }

    private static void LinkLayer(SflowtoolSampleState s, ReadOnlySpan<byte> h, out int ipv4, out int ipv6)
    {
        ipv4 = ipv6 = -1;
        if (h.Length < EthernetHeader)
        {
            return;
        }

        h[..6].CopyTo(s.EthDestination);
        h[6..12].CopyTo(s.EthSource);
        var p = 12;
        int type = BinaryPrimitives.ReadUInt16BigEndian(h[p..]);
        p += 2;
        while (type is 0x8100 or 0x88A8 or 0x9100 or 0x9200 or 0x9300)
        {
            if (h.Length - p < 4)
            {
                return;
            }

            // Every tag overwrites in_vlan, so the innermost one wins (sflowtool.md §2, VLAN filter semantics).
            s.InVlan = (uint)(BinaryPrimitives.ReadUInt16BigEndian(h[p..]) & 0x0FFF);
            type = BinaryPrimitives.ReadUInt16BigEndian(h[(p + 2)..]);
            p += 4;
        }

        if (h.Length < IPv4Header || h.Length - p < 4)
        {
            return;
        }

        if (type is 0x0200 or 0x0201 or 0x0600)
        {
            var ipxLength = BinaryPrimitives.ReadUInt16BigEndian(h[(p + 2)..]);
            if (h[p] == 0xFF && h[p + 1] == 0xFF && ipxLength is >= 30 and <= 30 + 546)
            {
                return; // IPX: nothing more to learn
            }
        }

        if (type <= 1500)
        {
            // 802.3 length: LLC/SNAP with OUI 0 carries an EtherType; IP over 802.2 is IP.
            if (h[p] == 0xAA && h[p + 1] == 0xAA && h[p + 2] == 0x03)
            {
                p += 3;
                if (h.Length - p < 5 || h[p] != 0 || h[p + 1] != 0 || h[p + 2] != 0)
                {
                    return;
                }

                p += 3;
                type = BinaryPrimitives.ReadUInt16BigEndian(h[p..]);
                p += 2;
            }
            else if (h[p] == 0x06 && h[p + 1] == 0x06 && (h[p + 2] & 0x01) != 0)
            {
                p += 3;
                type = 0x0800;
            }
            else
            {
                return;
            }
        }

        s.EthType = (uint)type;
        if (type == 0x0800)
        {
            if (h.Length - p < IPv4Header || h[p] >> 4 != 4 || (h[p] & 15) < 5)
            {
                return;
            }

            ipv4 = p;
            s.OffsetToIPv4 = p;
        }
        else if (type == 0x86DD && p < h.Length && h[p] >> 4 == 6)
        {
            ipv6 = p;
        }
    }

    // Data frames only; sflowtool copies the source MAC into its destination MAC too, and -l shows that.
    private static void Wifi(SflowtoolSampleState s, ReadOnlySpan<byte> h)
    {
        if (h.Length < 24)
        {
            return;
        }

        var fc = h[0] | (h[1] << 8);
        if (((fc >> 2) & 3) != 2)
        {
            return;
        }

        var toDs = ((fc >> 8) & 1) != 0;
        var fromDs = ((fc >> 9) & 1) != 0;
        ReadOnlySpan<byte> source;
        if (toDs)
        {
            if (fromDs && h.Length < 30)
            {
                return;
            }

            source = fromDs ? h.Slice(24, 6) : h.Slice(10, 6);
        }
        else
        {
            source = fromDs ? h.Slice(16, 6) : h.Slice(10, 6);
        }

        source.CopyTo(s.EthSource);
        source.CopyTo(s.EthDestination);
    }

    private static void IPv4(SflowtoolSampleState s, ReadOnlySpan<byte> h, int at)
    {
        if (h.Length - at < IPv4Header)
        {
            return;
        }

        var ip = h[at..];
        s.SetIpSource(ip.Slice(12, 4));
        s.SetIpDestination(ip.Slice(16, 4));
        s.IpProtocol = ip[9];
        s.IpTos = ip[1];
        s.IpTtl = ip[8];
        if ((BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) != 0)
        {
            return; // a later fragment: no L4 header
        }

        var headerBytes = (ip[0] & 0x0F) * 4;
        if (h.Length - at < headerBytes)
        {
            return;
        }

        Layer4(s, h, at + headerBytes);
    }

    private static void IPv6(SflowtoolSampleState s, ReadOnlySpan<byte> h, int at)
    {
        if (h.Length - at < IPv6Header || h[at] >> 4 != 6)
        {
            return;
        }

        var ip = h[at..];
        s.IpTos = (uint)(((ip[0] & 15) << 4) + (ip[1] >> 4));
        s.IpTtl = ip[7];
        s.SetIpSource(ip.Slice(8, 16));
        s.SetIpDestination(ip.Slice(24, 16));
        uint next = ip[6];
        var p = at + IPv6Header;
        while (next is 0 or 43 or 44 or 51 or 60)
        {
            if (p + 2 > h.Length)
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

        s.IpProtocol = next;
        Layer4(s, h, p);
    }

    private static void Layer4(SflowtoolSampleState s, ReadOnlySpan<byte> h, int at)
    {
        if (at > h.Length - 8)
        {
            return;
        }

        var l4 = h[at..];
        switch (s.IpProtocol)
        {
            case 1: // ICMP: type and code stand in for the ports
                s.SourcePort = l4[0];
                s.DestinationPort = l4[1];
                s.OffsetToPayload = at + 2;
                break;
            case 6: // TCP
                s.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
                s.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
                s.TcpFlags = l4.Length > 13 ? l4[13] : 0u;
                s.OffsetToPayload = at + (l4.Length > 12 ? (l4[12] >> 4) * 4 : 0);
                break;
            case 17: // UDP
                s.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
                s.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
                s.OffsetToPayload = at + 8;
                break;
            default:
                s.OffsetToPayload = at;
                break;
        }
    }
}
