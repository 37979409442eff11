using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>TCP (RFC 9293) and UDP (RFC 768) headers, and the UDP services the decoder follows.</summary>
internal static class TransportDecoder
{
    private const int PortsLength = 4;
    private const int TcpFlagsEnd = 14;  // data offset/NS byte 12, flags byte 13
    private const int TcpWindowEnd = 16;
    private const int TcpMinHeaderLength = 20;
    private const int UdpHeaderLength = 8;

    // IANA service names and port numbers registry.
    private const ushort DnsPort = 53;
    private const ushort MulticastDnsPort = 5353; // RFC 6762
    private const ushort VxlanPort = 4789;        // RFC 7348 §5
    private const ushort VxlanLinuxPort = 8472;   // Linux kernel default before the IANA port
    private const ushort GenevePort = 6081;       // RFC 8926 §3.3

    public static void DecodeTcp(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        fields.Push(PacketProtocol.Tcp);
        var tcp = offset <= packet.Length ? packet[offset..] : default;
        if (tcp.Length < PortsLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        layer.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
        layer.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
        layer.Add(PacketLayers.Tcp);
        if (tcp.Length < TcpWindowEnd)
        {
            if (tcp.Length >= TcpFlagsEnd)
            {
                layer.TcpFlags = (ushort)(((tcp[12] & 0x01) << 8) | tcp[13]);
            }

            layer.Add(PacketLayers.Truncated);
            return;
        }

        // RFC 3540 put NS in the low bit of byte 12; the other eight flags fill byte 13.
        layer.TcpFlags = (ushort)(((tcp[12] & 0x01) << 8) | tcp[13]);
        layer.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]);
        if (tcp.Length < TcpMinHeaderLength)
        {
            layer.Add(PacketLayers.Truncated);
        }
    }

    public static void DecodeUdp(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        fields.Push(PacketProtocol.Udp);
        var udp = offset <= packet.Length ? packet[offset..] : default;
        if (udp.Length < PortsLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        layer.SourcePort = sourcePort;
        layer.DestinationPort = destinationPort;
        layer.Add(PacketLayers.Udp);
        if (udp.Length < UdpHeaderLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        layer.UdpLength = length;
        var end = length >= UdpHeaderLength ? Math.Min(packet.Length, offset + length) : packet.Length;
        var payload = packet[..end];
        var payloadOffset = offset + UdpHeaderLength;

        if (depth < LayerDispatcher.InnerDepth)
        {
            if (destinationPort is VxlanPort or VxlanLinuxPort)
            {
                TunnelDecoder.DecodeVxlan(payload, payloadOffset, ref fields);
                return;
            }

            if (destinationPort == GenevePort)
            {
                TunnelDecoder.DecodeGeneve(payload, payloadOffset, ref fields);
                return;
            }
        }

        if (sourcePort is DnsPort or MulticastDnsPort || destinationPort is DnsPort or MulticastDnsPort)
        {
            DnsQuestionDecoder.Decode(payload, payloadOffset, ref fields, depth);
        }
    }
}
