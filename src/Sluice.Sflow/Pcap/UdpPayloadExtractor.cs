using System.Buffers.Binary;

namespace Sluice.Sflow.Pcap;

/// <summary>
/// Finds the UDP payload in a captured frame: link layer (see <see cref="PcapLinkTypes"/>), any stack of VLAN tags,
/// IPv4 or IPv6 with extension headers, then UDP. Never throws on bad input and never returns bytes that are not the
/// payload: every failure is a <see cref="UdpExtractResult"/>. Does not allocate.
/// </summary>
/// <remarks>
/// Unlike sflowtool (which treats every unknown link type as Ethernet, skips a fixed 40-byte IPv6 header and ignores
/// the IP protocol and ports, sflowtool.md §1.2) this checks every layer, so a mixed capture yields only UDP.
/// The port filter matches the UDP <em>destination</em> port: sFlow flows one way, agent to collector port.
/// </remarks>
public static class UdpPayloadExtractor
{
    // IEEE 802.3 EtherTypes.
    private const int EtherTypeIPv4 = 0x0800;
    private const int EtherTypeIPv6 = 0x86DD;

    // IEEE 802.1Q C-tag, 802.1ad S-tag, and the pre-standard QinQ TPIDs still emitted by some switches.
    private const int TpidCTag = 0x8100;
    private const int TpidSTag = 0x88A8;
    private const int TpidQinQ1 = 0x9100;
    private const int TpidQinQ2 = 0x9200;
    private const int TpidQinQ3 = 0x9300;

    // Address families in LINKTYPE_NULL / LINKTYPE_LOOP headers: AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD,
    // OpenBSD), 28 (FreeBSD), 30 (macOS) — tcpdump.org/linktypes/LINKTYPE_NULL.html.
    private const uint AfInet = 2;
    private const uint AfInet6Bsd = 24;
    private const uint AfInet6FreeBsd = 28;
    private const uint AfInet6Darwin = 30;

    private const byte ProtocolUdp = 17; // IANA protocol numbers
    private const byte Ipv6HopByHop = 0; // RFC 8200 §4.3
    private const byte Ipv6Routing = 43; // RFC 8200 §4.4
    private const byte Ipv6Fragment = 44; // RFC 8200 §4.5
    private const byte Ipv6Ah = 51; // RFC 4302 §2.2: length in 4-byte units minus 2
    private const byte Ipv6DestinationOptions = 60; // RFC 8200 §4.6

    private const int Ipv4MinHeader = 20;
    private const int Ipv6Header = 40;
    private const int UdpHeader = 8;

    /// <summary>Extracts the UDP payload of <paramref name="frame"/>, whatever its destination port.</summary>
    public static UdpExtractResult TryExtract(int linkType, ReadOnlySpan<byte> frame, out UdpDatagramInfo info) =>
        TryExtract(linkType, frame, null, out info);

    /// <summary>
    /// Extracts the UDP payload of <paramref name="frame"/>. With <paramref name="port"/> set, a datagram to another
    /// destination port gives <see cref="UdpExtractResult.WrongPort"/>. Fragments are returned as
    /// <see cref="UdpExtractResult.Fragment"/> (before any port check: only the first fragment has ports).
    /// </summary>
    public static UdpExtractResult TryExtract(int linkType, ReadOnlySpan<byte> frame, int? port, out UdpDatagramInfo info)
    {
        info = default;
        int offset;
        int etherType;
        switch (linkType)
        {
            case PcapLinkTypes.Ethernet:
                // IEEE 802.3: destination(6) source(6) EtherType(2).
                if (frame.Length < 14)
                {
                    return UdpExtractResult.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
                offset = 14;
                break;
            case PcapLinkTypes.LinuxSll:
                // LINKTYPE_LINUX_SLL: packet type(2) ARPHRD(2) address length(2) address(8) protocol(2).
                if (frame.Length < 16)
                {
                    return UdpExtractResult.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                offset = 16;
                break;
            case PcapLinkTypes.LinuxSll2:
                // LINKTYPE_LINUX_SLL2: protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) addr len(1) addr(8).
                if (frame.Length < 20)
                {
                    return UdpExtractResult.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                offset = 20;
                break;
            case PcapLinkTypes.Null:
            case PcapLinkTypes.Loop:
                return ExtractLoopback(frame, port, out info);
            case PcapLinkTypes.Raw:
                if (frame.IsEmpty)
                {
                    return UdpExtractResult.Truncated;
                }

                return (frame[0] >> 4) switch
                {
                    4 => ExtractIPv4(frame, 0, port, out info),
                    6 => ExtractIPv6(frame, 0, port, out info),
                    _ => UdpExtractResult.NotIp,
                };
            case PcapLinkTypes.Ipv4:
                return ExtractIPv4(frame, 0, port, out info);
            case PcapLinkTypes.Ipv6:
                return ExtractIPv6(frame, 0, port, out info);
            default:
                return UdpExtractResult.UnsupportedLinkType;
        }

        // Any stack of VLAN tags: TPID(2) TCI(2), then the next EtherType. Bounded by the frame length.
        while (IsVlanTpid(etherType))
        {
            if (frame.Length < offset + 4)
            {
                return UdpExtractResult.Truncated;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }

        return etherType switch
        {
            EtherTypeIPv4 => ExtractIPv4(frame, offset, port, out info),
            EtherTypeIPv6 => ExtractIPv6(frame, offset, port, out info),
            _ => UdpExtractResult.NotIp,
        };
    }

    /// <summary>
    /// Parses a whole UDP datagram (header and payload, e.g. the output of <see cref="Ipv4Reassembler"/>) whose
    /// IP addresses are already known.
    /// </summary>
    public static UdpExtractResult TryParseUdp(
        ReadOnlySpan<byte> udpDatagram,
        int ipVersion,
        IpAddressBytes source,
        IpAddressBytes destination,
        int? port,
        out UdpDatagramInfo info) =>
        ParseUdp(udpDatagram, 0, udpDatagram.Length, ipCut: false, ipVersion, source, destination, port, out info);

    private static bool IsVlanTpid(int etherType) =>
        etherType is TpidCTag or TpidSTag or TpidQinQ1 or TpidQinQ2 or TpidQinQ3;

    private static UdpExtractResult ExtractLoopback(ReadOnlySpan<byte> frame, int? port, out UdpDatagramInfo info)
    {
        info = default;
        if (frame.Length < 4)
        {
            return UdpExtractResult.Truncated;
        }

        // LINKTYPE_NULL is in the capturing host's byte order, which the file does not record; LINKTYPE_LOOP should be
        // big-endian but some writers got it wrong. Families are small numbers, so the non-zero half tells the order.
        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if ((family & 0xFFFF) == 0)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        return family switch
        {
            AfInet => ExtractIPv4(frame, 4, port, out info),
            AfInet6Bsd or AfInet6FreeBsd or AfInet6Darwin => ExtractIPv6(frame, 4, port, out info),
            _ => UdpExtractResult.NotIp,
        };
    }

    private static UdpExtractResult ExtractIPv4(ReadOnlySpan<byte> frame, int offset, int? port, out UdpDatagramInfo info)
    {
        info = default;
        var ip = frame[offset..];
        if (ip.Length < Ipv4MinHeader)
        {
            return UdpExtractResult.Truncated;
        }

        // RFC 791 §3.1.
        if (ip[0] >> 4 != 4)
        {
            return UdpExtractResult.Malformed;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < Ipv4MinHeader)
        {
            return UdpExtractResult.Malformed;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            // Segmentation offload captured before the NIC splits the packet: the length is left 0. Wireshark treats
            // the captured bytes as the packet; so do we.
            totalLength = ip.Length;
        }

        if (totalLength < headerLength)
        {
            return UdpExtractResult.Malformed;
        }

        if (ip.Length < headerLength)
        {
            return UdpExtractResult.Truncated;
        }

        var source = IpAddressBytes.FromIPv4(ip[12..]);
        var destination = IpAddressBytes.FromIPv4(ip[16..]);
        var protocol = ip[9];
        if (protocol != ProtocolUdp)
        {
            return UdpExtractResult.NotUdp;
        }

        // Trailing Ethernet padding is beyond totalLength; a cut capture is short of it.
        var ipCut = ip.Length < totalLength;
        var ipEnd = ipCut ? ip.Length : totalLength;

        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        var moreFragments = (flagsAndOffset & 0x2000) != 0;
        var fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        if (moreFragments || fragmentOffset != 0)
        {
            if (ipCut)
            {
                return UdpExtractResult.Truncated;
            }

            info = new UdpDatagramInfo(
                4,
                source,
                destination,
                protocol,
                BinaryPrimitives.ReadUInt16BigEndian(ip[4..]),
                fragmentOffset,
                moreFragments,
                ip[headerLength..totalLength],
                offset + headerLength);
            return UdpExtractResult.Fragment;
        }

        return ParseUdp(frame, offset + headerLength, offset + ipEnd, ipCut, 4, source, destination, port, out info);
    }

    private static UdpExtractResult ExtractIPv6(ReadOnlySpan<byte> frame, int offset, int? port, out UdpDatagramInfo info)
    {
        info = default;
        var ip = frame[offset..];
        if (ip.Length < Ipv6Header)
        {
            return UdpExtractResult.Truncated;
        }

        // RFC 8200 §3.
        if (ip[0] >> 4 != 6)
        {
            return UdpExtractResult.Malformed;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var totalLength = payloadLength == 0 ? ip.Length : Ipv6Header + payloadLength; // 0: jumbogram, RFC 2675
        var ipCut = ip.Length < totalLength;
        var ipEnd = ipCut ? ip.Length : totalLength;
        var source = IpAddressBytes.FromIPv6(ip[8..]);
        var destination = IpAddressBytes.FromIPv6(ip[24..]);
        var next = ip[6];
        var position = Ipv6Header;

        // Each extension header is at least 8 bytes, so the walk ends within the packet.
        while (true)
        {
            switch (next)
            {
                case ProtocolUdp:
                    return ParseUdp(frame, offset + position, offset + ipEnd, ipCut, 6, source, destination, port, out info);
                case Ipv6HopByHop:
                case Ipv6Routing:
                case Ipv6DestinationOptions:
                case Ipv6Ah:
                    if (ipEnd < position + 2)
                    {
                        return ipCut ? UdpExtractResult.Truncated : UdpExtractResult.Malformed;
                    }

                    var length = next == Ipv6Ah ? (ip[position + 1] + 2) * 4 : (ip[position + 1] + 1) * 8;
                    next = ip[position];
                    position += length;
                    if (position > ipEnd)
                    {
                        return ipCut ? UdpExtractResult.Truncated : UdpExtractResult.Malformed;
                    }

                    break;
                case Ipv6Fragment:
                    if (ipEnd < position + 8)
                    {
                        return ipCut ? UdpExtractResult.Truncated : UdpExtractResult.Malformed;
                    }

                    var fragmentNext = ip[position];
                    var field = BinaryPrimitives.ReadUInt16BigEndian(ip[(position + 2)..]);
                    var fragmentOffset = field & 0xFFF8;
                    var more = (field & 1) != 0;
                    var id = BinaryPrimitives.ReadUInt32BigEndian(ip[(position + 4)..]);
                    position += 8;
                    if (fragmentOffset == 0 && !more)
                    {
                        // Atomic fragment (RFC 6946): the whole datagram is here.
                        next = fragmentNext;
                        break;
                    }

                    if (fragmentNext != ProtocolUdp)
                    {
                        return UdpExtractResult.NotUdp;
                    }

                    if (ipCut)
                    {
                        return UdpExtractResult.Truncated;
                    }

                    info = new UdpDatagramInfo(
                        6, source, destination, fragmentNext, id, fragmentOffset, more, ip[position..ipEnd], offset + position);
                    return UdpExtractResult.Fragment;
                default:
                    return UdpExtractResult.NotUdp;
            }
        }
    }

    private static UdpExtractResult ParseUdp(
        ReadOnlySpan<byte> frame,
        int start,
        int end,
        bool ipCut,
        int ipVersion,
        IpAddressBytes source,
        IpAddressBytes destination,
        int? port,
        out UdpDatagramInfo info)
    {
        info = default;
        var available = end - start;
        if (available < UdpHeader)
        {
            return ipCut ? UdpExtractResult.Truncated : UdpExtractResult.Malformed;
        }

        // RFC 768.
        var udp = frame[start..end];
        int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (udpLength == 0 && ipVersion == 6 && !ipCut)
        {
            udpLength = available; // RFC 2675 §4: jumbogram UDP length is 0
        }

        if (port.HasValue && destinationPort != port.GetValueOrDefault())
        {
            info = new UdpDatagramInfo(ipVersion, source, destination, sourcePort, destinationPort, default, start + UdpHeader);
            return UdpExtractResult.WrongPort;
        }

        if (udpLength < UdpHeader)
        {
            return UdpExtractResult.Malformed;
        }

        if (udpLength > available)
        {
            return ipCut ? UdpExtractResult.Truncated : UdpExtractResult.Malformed;
        }

        info = new UdpDatagramInfo(
            ipVersion,
            source,
            destination,
            sourcePort,
            destinationPort,
            frame.Slice(start + UdpHeader, udpLength - UdpHeader),
            start + UdpHeader);
        return UdpExtractResult.Ok;
    }
}
