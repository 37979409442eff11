using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>
/// ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, echo id and sequence, and the IP header quoted in a
/// destination-unreachable message (for the sFlow-RT <c>icmpunreachable*</c> keys).
/// </summary>
internal static class IcmpDecoder
{
    private const int TypeCodeLength = 2;
    private const int FixedLength = 8; // type, code, checksum, then 4 type-specific bytes

    private const byte IcmpEchoReply = 0;
    private const byte IcmpDestinationUnreachable = 3;
    private const byte IcmpEchoRequest = 8;
    private const byte Icmp6DestinationUnreachable = 1;
    private const byte Icmp6EchoRequest = 128;
    private const byte Icmp6EchoReply = 129;

    public static void DecodeIcmp(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        fields.Push(PacketProtocol.Icmp);
        ref var layer = ref fields.Layer(depth);
        if (!TryDecodeTypeCode(packet, offset, ref layer, PacketLayers.Icmp, out var type))
        {
            return;
        }

        if (type is IcmpEchoRequest or IcmpEchoReply)
        {
            DecodeEcho(packet, offset, ref layer);
        }
        else if (type == IcmpDestinationUnreachable)
        {
            DecodeQuotedHeader(packet, offset + FixedLength, ref layer);
        }
    }

    public static void DecodeIcmp6(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        fields.Push(PacketProtocol.Icmp6);
        ref var layer = ref fields.Layer(depth);
        if (!TryDecodeTypeCode(packet, offset, ref layer, PacketLayers.Icmp6, out var type))
        {
            return;
        }

        if (type is Icmp6EchoRequest or Icmp6EchoReply)
        {
            DecodeEcho(packet, offset, ref layer);
        }
        else if (type == Icmp6DestinationUnreachable)
        {
            DecodeQuotedHeader(packet, offset + FixedLength, ref layer);
        }
    }

    private static bool TryDecodeTypeCode(ReadOnlySpan<byte> packet, int offset, ref PacketLayer layer, PacketLayers flag, out byte type)
    {
        type = 0;
        if (packet.Length - offset < TypeCodeLength)
        {
            layer.Add(PacketLayers.Truncated);
            return false;
        }

        type = packet[offset];
        layer.IcmpType = type;
        layer.IcmpCode = packet[offset + 1];
        layer.Add(flag);
        return true;
    }

    private static void DecodeEcho(ReadOnlySpan<byte> packet, int offset, ref PacketLayer layer)
    {
        if (packet.Length - offset < FixedLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        layer.IcmpId = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 4)..]);
        layer.IcmpSequence = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 6)..]);
    }

    // The quoted header is read on its own so it never overwrites the layer's own IP fields.
    private static void DecodeQuotedHeader(ReadOnlySpan<byte> packet, int offset, ref PacketLayer layer)
    {
        if (offset >= packet.Length)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var quoted = packet[offset..];
        int transport;
        switch (quoted[0] >> 4)
        {
            case 4:
                if (quoted.Length < 20 || (quoted[0] & 0x0F) < 5)
                {
                    layer.Add(PacketLayers.Truncated);
                    return;
                }

                layer.IcmpInnerIpVersion = 4;
                layer.IcmpInnerProtocol = quoted[9];
                quoted.Slice(12, 4).CopyTo(layer.IcmpInnerSourceBuffer);
                quoted.Slice(16, 4).CopyTo(layer.IcmpInnerDestinationBuffer);
                transport = (quoted[0] & 0x0F) * 4;
                break;
            case 6:
                if (quoted.Length < 40)
                {
                    layer.Add(PacketLayers.Truncated);
                    return;
                }

                layer.IcmpInnerIpVersion = 6;
                layer.IcmpInnerProtocol = quoted[6];
                quoted.Slice(8, 16).CopyTo(layer.IcmpInnerSourceBuffer);
                quoted.Slice(24, 16).CopyTo(layer.IcmpInnerDestinationBuffer);
                transport = 40; // extension headers before the ports are not walked here
                break;
            default:
                return;
        }

        layer.Add(PacketLayers.IcmpUnreachableInner);
        if (layer.IcmpInnerProtocol is EtherTypes.ProtocolTcp or EtherTypes.ProtocolUdp && quoted.Length >= transport + 4)
        {
            layer.IcmpInnerSourcePort = BinaryPrimitives.ReadUInt16BigEndian(quoted[transport..]);
            layer.IcmpInnerDestinationPort = BinaryPrimitives.ReadUInt16BigEndian(quoted[(transport + 2)..]);
            layer.IcmpInnerHasPorts = true;
        }
    }
}
