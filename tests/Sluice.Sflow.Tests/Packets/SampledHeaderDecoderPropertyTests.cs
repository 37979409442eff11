using FsCheck.Xunit;
using Sluice.Sflow.Packets;

namespace Sluice.Sflow.Tests.Packets;

public sealed class SampledHeaderDecoderPropertyTests
{
    [Property(MaxTest = 2000)]
    public bool Decode_AnyBytes_NeverThrowsAndStaysInBounds(byte[] bytes, bool ipv6, bool raw)
    {
        var protocol = raw ? (ipv6 ? SampledHeaderDecoder.HeaderProtocolIPv6 : SampledHeaderDecoder.HeaderProtocolIPv4)
            : SampledHeaderDecoder.HeaderProtocolEthernet;
        var fields = default(PacketFields);
        SampledHeaderDecoder.Decode(protocol, bytes ?? [], ref fields);
        return fields.StackDepth <= PacketFields.MaxStackDepth
            && fields.DnsQueryNameLength <= 255
            && fields.Outer.SourceAddress.Length is 0 or 4 or 16
            && (fields.IpOffset == -1 || fields.IpOffset < (bytes?.Length ?? 0));
    }

    [Property(MaxTest = 2000)]
    public bool Decode_VxlanWithAnyInnerBytes_OuterUnchanged(byte[] inner)
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(1, 4789)
            .U32(0x08000000).U32(9u << 8).Bytes(inner ?? []).Build();
        var fields = default(PacketFields);
        SampledHeaderDecoder.Decode(SampledHeaderDecoder.HeaderProtocolEthernet, header, ref fields);
        return fields.Tunnel == TunnelKind.Vxlan
            && fields.VirtualNetworkId == 9
            && fields.Outer.DestinationPort == 4789
            && fields.Outer.SourceAddress.SequenceEqual(PacketBuilder.Ip("192.0.2.1"));
    }
}
