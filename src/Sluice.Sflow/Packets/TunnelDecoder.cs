using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>VXLAN, Geneve, GRE/NVGRE and IP-in-IP: record the tunnel and decode what it carries as the inner layer.</summary>
internal static class TunnelDecoder
{
    private const int VxlanHeaderLength = 8;   // RFC 7348 §5
    private const byte VxlanValidVni = 0x08;   // RFC 7348 §5: I flag
    private const int GeneveHeaderLength = 8;  // RFC 8926 §3.4
    private const int GreBaseLength = 4;       // RFC 2784 §2
    private const ushort GreChecksum = 0x8000; // RFC 2784 C bit
    private const ushort GreRouting = 0x4000;  // RFC 1701 R bit (deprecated; routing entries follow)
    private const ushort GreKey = 0x2000;      // RFC 2890 K bit
    private const ushort GreSequence = 0x1000; // RFC 2890 S bit
    private const ushort GreVersionMask = 0x0007;

    public static void DecodeVxlan(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields)
    {
        ref var outer = ref fields.Layer(0);
        if (packet.Length - offset < VxlanHeaderLength)
        {
            outer.Add(PacketLayers.Truncated);
            return;
        }

        var vxlan = packet[offset..];
        if ((vxlan[0] & VxlanValidVni) == 0)
        {
            return;
        }

        outer.Add(PacketLayers.Vxlan);
        fields.Push(PacketProtocol.Vxlan);
        fields.Tunnel = TunnelKind.Vxlan;
        fields.VirtualNetworkId = BinaryPrimitives.ReadUInt32BigEndian(vxlan[4..]) >> 8;
        fields.TunnelProtocol = EtherTypes.TransparentEthernetBridging;
        EthernetDecoder.Decode(packet, offset + VxlanHeaderLength, ref fields, LayerDispatcher.InnerDepth);
    }

    public static void DecodeGeneve(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields)
    {
        ref var outer = ref fields.Layer(0);
        if (packet.Length - offset < GeneveHeaderLength)
        {
            outer.Add(PacketLayers.Truncated);
            return;
        }

        var geneve = packet[offset..];
        if (geneve[0] >> 6 != 0)
        {
            return; // RFC 8926 §3.4: only version 0 is defined
        }

        var optionsLength = (geneve[0] & 0x3F) * 4;
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(geneve[2..]);
        outer.Add(PacketLayers.Geneve);
        fields.Push(PacketProtocol.Geneve);
        fields.Tunnel = TunnelKind.Geneve;
        fields.TunnelProtocol = protocol;
        fields.VirtualNetworkId = BinaryPrimitives.ReadUInt32BigEndian(geneve[4..]) >> 8;
        DecodeInner(packet, offset + GeneveHeaderLength + optionsLength, protocol, ref fields);
    }

    public static void DecodeGre(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        fields.Push(PacketProtocol.Gre);
        ref var layer = ref fields.Layer(depth);
        if (packet.Length - offset < GreBaseLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var gre = packet[offset..];
        var flags = BinaryPrimitives.ReadUInt16BigEndian(gre);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        layer.Add(PacketLayers.Gre);
        if (depth >= LayerDispatcher.InnerDepth)
        {
            return; // only one inner layer is kept
        }

        fields.TunnelProtocol = protocol;
        fields.Tunnel = TunnelKind.Gre;
        // Version 1 is PPTP's enhanced GRE (RFC 2637), and routing entries (RFC 1701) have no fixed size.
        if ((flags & GreVersionMask) != 0 || (flags & GreRouting) != 0)
        {
            return;
        }

        var position = GreBaseLength;
        if ((flags & GreChecksum) != 0)
        {
            position += 4; // checksum and reserved1
        }

        if ((flags & GreKey) != 0)
        {
            if (gre.Length < position + 4)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            var key = BinaryPrimitives.ReadUInt32BigEndian(gre[position..]);
            fields.GreKey = key;
            fields.GreKeyPresent = true;
            if (protocol == EtherTypes.TransparentEthernetBridging)
            {
                // RFC 7637 §3.2: NVGRE puts the 24-bit VSID in the top of the key, a FlowID below it.
                fields.Tunnel = TunnelKind.Nvgre;
                fields.VirtualNetworkId = key >> 8;
            }

            position += 4;
        }

        if ((flags & GreSequence) != 0)
        {
            position += 4;
        }

        DecodeInner(packet, offset + position, protocol, ref fields);
    }

    public static void DecodeIpInIp(ReadOnlySpan<byte> packet, int offset, byte protocol, ref PacketFields fields, int depth)
    {
        if (depth >= LayerDispatcher.InnerDepth)
        {
            return;
        }

        fields.Tunnel = TunnelKind.IpInIp;
        if (protocol == EtherTypes.ProtocolIPv4InIP)
        {
            IPv4Decoder.Decode(packet, offset, ref fields, LayerDispatcher.InnerDepth);
        }
        else
        {
            IPv6Decoder.Decode(packet, offset, ref fields, LayerDispatcher.InnerDepth);
        }
    }

    private static void DecodeInner(ReadOnlySpan<byte> packet, int offset, ushort protocol, ref PacketFields fields)
    {
        if (offset >= packet.Length)
        {
            fields.Layer(0).Add(PacketLayers.Truncated);
            return;
        }

        if (protocol == EtherTypes.TransparentEthernetBridging)
        {
            EthernetDecoder.Decode(packet, offset, ref fields, LayerDispatcher.InnerDepth);
        }
        else
        {
            LayerDispatcher.DecodeEtherType(packet, offset, protocol, ref fields, LayerDispatcher.InnerDepth);
        }
    }
}
