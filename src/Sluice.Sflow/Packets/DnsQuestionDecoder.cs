using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>DNS header and the first question (RFC 1035 §4.1.1 and §4.1.2).</summary>
internal static class DnsQuestionDecoder
{
    /// <summary>RFC 1035 §2.3.4: a name is at most 255 octets on the wire, so its dotted text is shorter.</summary>
    public const int MaxNameLength = 255;

    private const int HeaderLength = 12;
    private const int MaxLabels = 128; // a 255-byte name holds at most 127 labels

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        if (packet.Length - offset < HeaderLength)
        {
            if (offset < packet.Length)
            {
                layer.Add(PacketLayers.Truncated);
            }

            return;
        }

        var dns = packet[offset..];
        var flags = BinaryPrimitives.ReadUInt16BigEndian(dns[2..]);
        fields.DnsId = BinaryPrimitives.ReadUInt16BigEndian(dns);
        fields.DnsIsResponse = (flags & 0x8000) != 0;
        fields.DnsOpcode = (byte)((flags >> 11) & 0x0F);
        fields.DnsResponseCode = (byte)(flags & 0x0F);
        layer.Add(PacketLayers.Dns);
        fields.Push(PacketProtocol.Dns);

        var questions = BinaryPrimitives.ReadUInt16BigEndian(dns[4..]);
        if (questions == 0)
        {
            return;
        }

        var name = fields.DnsNameBuffer;
        var written = 0;
        var position = HeaderLength;
        for (var labels = 0; ; labels++)
        {
            if (position >= dns.Length)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            var labelLength = dns[position++];
            if (labelLength == 0)
            {
                break;
            }

            // A question name never needs compression (nothing precedes it to point at), and 01/10 label
            // types are reserved or obsolete: refuse the name rather than guess.
            if ((labelLength & 0xC0) != 0 || labels >= MaxLabels)
            {
                return;
            }

            if (dns.Length - position < labelLength)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            var separator = written > 0 ? 1 : 0;
            if (written + separator + labelLength > MaxNameLength)
            {
                return;
            }

            if (separator != 0)
            {
                name[written++] = (byte)'.';
            }

            dns.Slice(position, labelLength).CopyTo(name[written..]);
            written += labelLength;
            position += labelLength;
        }

        fields.DnsQueryNameLength = written;
        layer.Add(PacketLayers.DnsQuestion);
        if (dns.Length - position < 4)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        fields.DnsQueryType = BinaryPrimitives.ReadUInt16BigEndian(dns[position..]);
        fields.DnsQueryClass = BinaryPrimitives.ReadUInt16BigEndian(dns[(position + 2)..]);
    }
}
