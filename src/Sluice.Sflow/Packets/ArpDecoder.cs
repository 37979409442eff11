using System.Buffers.Binary;

namespace Sluice.Sflow.Packets;

/// <summary>ARP (RFC 826) for IPv4 over Ethernet.</summary>
internal static class ArpDecoder
{
    private const int OperationEnd = 8;   // htype, ptype, hlen, plen, oper
    private const int PacketLength = 28;  // + sender MAC, sender IP, target MAC, target IP
    private const ushort HardwareEthernet = 1;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref PacketFields fields, int depth)
    {
        ref var layer = ref fields.Layer(depth);
        fields.Push(PacketProtocol.Arp);
        if (packet.Length - offset < OperationEnd)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        var arp = packet[offset..];

        var hardware = BinaryPrimitives.ReadUInt16BigEndian(arp);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(arp[2..]);
        if (hardware != HardwareEthernet || protocol != EtherTypes.IPv4 || arp[4] != 6 || arp[5] != 4)
        {
            return;
        }

        layer.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(arp[6..]);
        layer.Add(PacketLayers.Arp);
        if (arp.Length < PacketLength)
        {
            layer.Add(PacketLayers.Truncated);
            return;
        }

        arp.Slice(8, 6).CopyTo(layer.ArpSenderMacBuffer);
        arp.Slice(14, 4).CopyTo(layer.ArpSenderIpBuffer);
        arp.Slice(18, 6).CopyTo(layer.ArpTargetMacBuffer);
        arp.Slice(24, 4).CopyTo(layer.ArpTargetIpBuffer);
    }
}
