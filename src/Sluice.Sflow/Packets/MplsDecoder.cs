using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>MPLS label stack (RFC 3032), then IPv4 or IPv6 guessed from the first nibble after the bottom of stack.</summary>
internal static class MplsDecoder
{
    private const int EntryLength = 4;
    private const int MaxEntries = 32; // bounds the loop on garbage without a bottom-of-stack bit

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        layer.Add(PacketLayers.Mpls);
        fields.Push(PacketProtocol.Mpls);
        var position = offset;
        for (var i = 0; i < MaxEntries; i++)
        {
            if (packet.Length - position < EntryLength)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            // RFC 3032 §2.1: label (20 bits), traffic class (3), bottom of stack (1), TTL (8).
            var entry = BinaryPrimitives.ReadUInt32BigEndian(packet[position..]);
            layer.AddMplsLabel(entry >> 12);
            position += EntryLength;
            if ((entry & 0x100) != 0)
            {
                DecodePayload(packet, position, ref fields, depth);
                return;
            }
        }
    }

    // MPLS does not say what it carries; like most analyzers, guess from the IP version nibble.
    private static void DecodePayload(ReadOnlySpan<byte> packet, int position, ref PacketFields fields, int depth)
    {
        if (position >= packet.Length)
        {
            fields.Layer(depth).Add(PacketLayers.Truncated);
            return;
        }

        switch (packet[position] >> 4)
        {
            case 4:
                IPv4Decoder.Decode(packet, position, ref fields, depth);
                break;
            case 6:
                IPv6Decoder.Decode(packet, position, ref fields, depth);
                break;
            default:
                break;
        }
    }
}
