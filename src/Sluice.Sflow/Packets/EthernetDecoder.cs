using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>Ethernet II and IEEE 802.3 (LLC, SNAP) with any stack of 802.1Q/802.1ad tags.</summary>
internal static class EthernetDecoder
{
    private const int MacHeaderLength = 14;  // dst MAC, src MAC, type/length
    private const int TagLength = 4;         // IEEE 802.1Q: TPID is the type field, then 2-byte TCI
    private const int MaxTags = 8;           // deeper than any real network; bounds the loop
    private const ushort MaxLengthField = 1500; // IEEE 802.3 §3.2.6: <= 1500 is a length, >= 1536 a type
    private const byte LlcSapSnap = 0xAA;    // IEEE 802 SNAP (RFC 1042)
    private const byte LlcSapIp = 0x06;      // IP over 802.2 LLC (RFC 948)

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        if (packet.Length - offset < MacHeaderLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        packet.Slice(offset, 6).CopyTo(layer.DestinationMacBuffer);
        packet.Slice(offset + 6, 6).CopyTo(layer.SourceMacBuffer);
        layer.Add(PacketLayers.Ethernet);
        fields.Push(PacketProtocol.Eth);

        var position = offset + 12;
        var type = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
        position += 2;
        var tags = 0;
        while (EtherTypes.IsVlanTpid(type))
        {
            if (tags >= MaxTags)
            {
                return;
            }

            if (packet.Length - position < TagLength)
            {
                layer.Add(PacketLayers.Truncated);
                return;
            }

            var tci = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
            if (tags == 0)
            {
                layer.Vlan = (ushort)(tci & 0x0FFF);
                layer.Priority = (byte)(tci >> 13);
                layer.Add(PacketLayers.Vlan);
                fields.Push(PacketProtocol.Vlan);
            }
            else if (tags == 1)
            {
                layer.InnerVlan = (ushort)(tci & 0x0FFF);
                layer.InnerPriority = (byte)(tci >> 13);
            }

            tags++;
            layer.VlanCount = (byte)tags;
            type = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
            position += TagLength;
        }

        if (type <= MaxLengthField)
        {
            if (!TryDecodeLlc(packet, ref position, ref layer, out type))
            {
                return;
            }
        }

        layer.EtherType = type;
        LayerDispatcher.DecodeEtherType(packet, position, type, ref fields, depth);
    }

    // 802.3 length frame: follow LLC/SNAP with OUI 0 (RFC 1042) and LLC IP, like sflowtool.
    private static bool TryDecodeLlc(ReadOnlySpan<byte> packet, ref int position, ref PacketLayer layer, out ushort type)
    {
        type = 0;
        if (packet.Length - position < 3)
        {
            layer.Add(PacketLayers.Truncated);
            return false;
        }

        var dsap = packet[position];
        var ssap = packet[position + 1];
        var control = packet[position + 2];
        layer.Add(PacketLayers.Llc);
        // IEEE 802.2: U-format control fields (low bits 11) are 1 byte, I/S-format 2 bytes.
        var llcLength = (control & 0x03) == 0x03 ? 3 : 4;
        if (dsap == LlcSapSnap && ssap == LlcSapSnap)
        {
            if (packet.Length - position < llcLength + 5)
            {
                layer.Add(PacketLayers.Truncated);
                return false;
            }

            var snap = packet.Slice(position + llcLength, 5);
            layer.Add(PacketLayers.Snap);
            if (snap[0] != 0 || snap[1] != 0 || snap[2] != 0)
            {
                return false; // vendor OUI: the type is the vendor's, not an EtherType
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(snap[3..]);
            position += llcLength + 5;
            return true;
        }

        if (dsap == LlcSapIp && ssap == LlcSapIp)
        {
            type = EtherTypes.IPv4;
            position += llcLength;
            return true;
        }

        return false;
    }
}
