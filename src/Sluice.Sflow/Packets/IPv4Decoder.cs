using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>IPv4 header (RFC 791) with options; transport is decoded only for first fragments.</summary>
internal static class IPv4Decoder
{
    private const int MinHeaderLength = 20;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        if (offset >= packet.Length)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var ip = packet[offset..];
        if (ip[0] >> 4 != 4)
        {
            return; // not IPv4: say nothing rather than report garbage
        }

        fields.Push(PacketProtocol.Ip);
        if (ip.Length < MinHeaderLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < MinHeaderLength)
        {
            return;
        }

        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        layer.IpVersion = 4;
        layer.IpOffset = offset;
        layer.IpHeaderLength = headerLength;
        layer.Tos = ip[1];
        layer.IpLength = totalLength;
        layer.Identification = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        layer.IpFlags = (byte)(flagsAndOffset >> 13);
        layer.MoreFragments = (flagsAndOffset & 0x2000) != 0;
        layer.FragmentOffset = (ushort)(flagsAndOffset & 0x1FFF);
        layer.Ttl = ip[8];
        layer.Protocol = ip[9];
        ip.Slice(12, 4).CopyTo(layer.SourceAddressBuffer);
        ip.Slice(16, 4).CopyTo(layer.DestinationAddressBuffer);
        layer.Add(PacketLayers.IPv4);

        if (layer.FragmentOffset != 0)
        {
            layer.Add(PacketLayers.NonFirstFragment);
            return;
        }

        if (ip.Length < headerLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        // Stop at the end of the IP packet so Ethernet padding is never read as payload.
        // TSO/GSO packets can carry a total length of 0; then the header end is the only bound.
        var end = totalLength >= headerLength ? Math.Min(packet.Length, offset + totalLength) : packet.Length;
        LayerDispatcher.DecodeIpPayload(packet[..end], offset + headerLength, layer.Protocol, ref fields, depth);
    }
}
