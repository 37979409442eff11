using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>IPv6 header (RFC 8200) and the extension headers that precede the transport header.</summary>
internal static class IPv6Decoder
{
    private const int HeaderLength = 40;
    private const int MaxExtensionHeaders = 8; // bounds the walk on crafted chains

    // RFC 8200 §4 and RFC 4302 (AH): extension headers walked to reach the upper-layer protocol.
    private const byte HopByHop = 0;
    private const byte Routing = 43;
    private const byte Fragment = 44;
    private const byte AuthenticationHeader = 51;
    private const byte DestinationOptions = 60;
    private const int FragmentHeaderLength = 8;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        if (offset >= packet.Length)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var ip = packet[offset..];
        if (ip[0] >> 4 != 6)
        {
            return;
        }

        fields.Push(PacketProtocol.Ip6);
        if (ip.Length < HeaderLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(ip);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var nextHeader = ip[6];
        layer.IpVersion = 6;
        layer.IpOffset = offset;
        layer.Tos = (byte)(first >> 20);
        layer.FlowLabel = first & 0xFFFFF;
        layer.IpLength = payloadLength;
        layer.Ttl = ip[7];
        ip.Slice(8, 16).CopyTo(layer.SourceAddressBuffer);
        ip.Slice(24, 16).CopyTo(layer.DestinationAddressBuffer);
        layer.Add(PacketLayers.IPv6);

        var position = offset + HeaderLength;
        for (var i = 0; i < MaxExtensionHeaders && IsExtension(nextHeader); i++)
        {
            layer.Protocol = nextHeader;
            layer.IpHeaderLength = position - offset;
            if (packet.Length - position < 2)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            var extension = packet[position..];
            int length;
            if (nextHeader == Fragment)
            {
                if (extension.Length < FragmentHeaderLength)
                {
                    layer.Add(PacketLayers.Truncated);
                    return;
                }

                // RFC 8200 §4.5: offset (13 bits), 2 reserved bits, M flag; then the identification.
                var offsetAndFlag = BinaryPrimitives.ReadUInt16BigEndian(extension[2..]);
                layer.FragmentOffset = (ushort)(offsetAndFlag >> 3);
                layer.MoreFragments = (offsetAndFlag & 1) != 0;
                layer.Identification = BinaryPrimitives.ReadUInt32BigEndian(extension[4..]);
                layer.Add(PacketLayers.IPv6FragmentHeader);
                length = FragmentHeaderLength;
            }
            else if (nextHeader == AuthenticationHeader)
            {
                length = (extension[1] + 2) * 4; // RFC 4302 §2.2: length in 4-byte units minus 2
            }
            else
            {
                length = (extension[1] + 1) * 8; // RFC 8200 §4.3: length in 8-byte units minus 1
            }

            nextHeader = extension[0];
            position += length;
        }

        layer.Protocol = nextHeader;
        layer.IpHeaderLength = position - offset;
        if (layer.FragmentOffset != 0)
        {
            layer.Add(PacketLayers.NonFirstFragment);
            return;
        }

        if (position > packet.Length)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        // A payload length of 0 means a jumbogram (RFC 2675) or TSO: then only the header end bounds it.
        var end = payloadLength != 0 ? Math.Min(packet.Length, offset + HeaderLength + payloadLength) : packet.Length;
        if (position > end)
        {
            return;
        }

        LayerDispatcher.DecodeIpPayload(packet[..end], position, nextHeader, ref fields, depth);
    }

    private static bool IsExtension(byte nextHeader) =>
        nextHeader is HopByHop or Routing or Fragment or AuthenticationHeader or DestinationOptions;
}
