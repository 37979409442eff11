namespace Sluice.Sflow.Packets;

/// <summary>Chooses the next decoder from an EtherType or an IP protocol number.</summary>
internal static class LayerDispatcher
{
    /// <summary>Depth of the inner (tunnelled) layer; tunnels found there are not followed.</summary>
    public const int InnerDepth = 1;

    public static void DecodeEtherType(ReadOnlySpan<byte> packet, int offset, ushort etherType, ref PacketFields fields, int depth)
    {
        switch (etherType)
        {
            case EtherTypes.IPv4:
                IPv4Decoder.Decode(packet, offset, ref fields, depth);
                break;
            case EtherTypes.IPv6:
                IPv6Decoder.Decode(packet, offset, ref fields, depth);
                break;
            case EtherTypes.Arp:
                ArpDecoder.Decode(packet, offset, ref fields, depth);
                break;
            case EtherTypes.MplsUnicast or EtherTypes.MplsMulticast:
                MplsDecoder.Decode(packet, offset, ref fields, depth);
                break;
            default:
                break;
        }
    }

    /// <summary>Decodes what follows an IPv4 or IPv6 header: transport, ICMP, or a tunnel.</summary>
    public static void DecodeIpPayload(ReadOnlySpan<byte> packet, int offset, byte protocol, ref PacketFields fields, int depth)
    {
        switch (protocol)
        {
            case EtherTypes.ProtocolTcp:
                TransportDecoder.DecodeTcp(packet, offset, ref fields, depth);
                break;
            case EtherTypes.ProtocolUdp:
                TransportDecoder.DecodeUdp(packet, offset, ref fields, depth);
                break;
            case EtherTypes.ProtocolIcmp:
                IcmpDecoder.DecodeIcmp(packet, offset, ref fields, depth);
                break;
            case EtherTypes.ProtocolIcmp6:
                IcmpDecoder.DecodeIcmp6(packet, offset, ref fields, depth);
                break;
            case EtherTypes.ProtocolGre:
                TunnelDecoder.DecodeGre(packet, offset, ref fields, depth);
                break;
            case EtherTypes.ProtocolIPv4InIP or EtherTypes.ProtocolIPv6InIP:
                TunnelDecoder.DecodeIpInIp(packet, offset, protocol, ref fields, depth);
                break;
            default:
                break;
        }
    }
}
