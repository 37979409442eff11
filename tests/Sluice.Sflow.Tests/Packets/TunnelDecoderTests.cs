using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class TunnelDecoderTests
{
    internal static byte[] VxlanPacket(int port = 4789) => new PacketBuilder()
        .Ethernet("30:e4:db:3e:33:7f", "00:17:08:7d:77:42", 0x0800)
        .IPv4("192.168.108.40", "192.168.15.14", 17).Udp(45833, port)
        .U32(0x08000000).U32(100u << 8)
        .Ethernet("00:01:02:03:04:05", "06:ca:6e:98:f8:49", 0x8100).Tag(2, 300, 0x86DD)
        .IPv6("2001:db8:4::1", "2001:db8:4::3", 6, hopLimit: 64).Tcp(34567, 22, 0x018).Build();

    [Theory]
    [InlineData(4789)]
    [InlineData(8472)]
    public void Decode_Vxlan_InnerLayer(int port)
    {
        var fields = Decoded.From(VxlanPacket(port));

        Assert.Equal(TunnelKind.Vxlan, fields.Tunnel);
        Assert.True(fields.HasInner);
        Assert.Equal(100u, fields.VirtualNetworkId);
        Assert.True(fields.Outer.Has(PacketLayers.Udp | PacketLayers.Vxlan));
        Assert.Equal(Decoded.Ip("192.168.15.14"), fields.Outer.DestinationAddress.ToArray());
        Assert.Equal(14, fields.IpOffset);
        ref readonly var inner = ref fields.Inner;
        Assert.Equal(Decoded.Mac("000102030405"), inner.DestinationMac.ToArray());
        Assert.Equal(Decoded.Mac("06ca6e98f849"), inner.SourceMac.ToArray());
        Assert.Equal(300, inner.Vlan);
        Assert.Equal(0x86DD, inner.EtherType);
        Assert.Equal(Decoded.Ip("2001:db8:4::1"), inner.SourceAddress.ToArray());
        Assert.Equal(Decoded.Ip("2001:db8:4::3"), inner.DestinationAddress.ToArray());
        Assert.Equal(6, inner.Protocol);
        Assert.Equal(34567, inner.SourcePort);
        Assert.Equal(22, inner.DestinationPort);
        Assert.Equal(0x018, inner.TcpFlags);
        Assert.Equal(14 + 20 + 8 + 8 + 18, inner.IpOffset);
        Assert.Equal("eth.ip.udp.vxlan.eth.vlan.ip6.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_VxlanWithoutIFlag_NotFollowed()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(1, 4789)
            .U32(0).U32(5 << 8).Ethernet(0x0800).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.None, fields.Tunnel);
        Assert.Equal(PacketLayers.None, fields.Inner.Layers);
    }

    [Fact]
    public void Decode_GeneveWithOptions_SkipsOptions()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(50000, 6081)
            .U8(2).U8(0).U16(0x6558).U32(0xABCDEFu << 8)   // 2 × 4 bytes of options
            .U16(0x0102).U8(0x03).U8(1).U32(0xDEADBEEF)     // one option: class, type, length 1
            .Ethernet("02:00:00:00:00:0b", "02:00:00:00:00:0a", 0x0800)
            .IPv4("10.1.0.1", "10.1.0.2", 17).Udp(1111, 2222).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.Geneve, fields.Tunnel);
        Assert.Equal(0xABCDEFu, fields.VirtualNetworkId);
        Assert.Equal(0x6558, fields.TunnelProtocol);
        Assert.Equal(Decoded.Mac("02000000000a"), fields.Inner.SourceMac.ToArray());
        Assert.Equal(Decoded.Ip("10.1.0.2"), fields.Inner.DestinationAddress.ToArray());
        Assert.Equal(2222, fields.Inner.DestinationPort);
        Assert.Equal("eth.ip.udp.geneve.eth.ip.udp", fields.ToStackString());
    }

    [Fact]
    public void Decode_GeneveCarryingIPv4_InnerWithoutEthernet()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(50000, 6081)
            .U8(0).U8(0).U16(0x0800).U32(7u << 8)
            .IPv4("10.1.0.1", "10.1.0.2", 6).Tcp(1, 2, 2).Build();

        var fields = Decoded.From(header);

        Assert.Equal(7u, fields.VirtualNetworkId);
        Assert.False(fields.Inner.Has(PacketLayers.Ethernet));
        Assert.True(fields.Inner.Has(PacketLayers.IPv4 | PacketLayers.Tcp));
        Assert.Equal("eth.ip.udp.geneve.ip.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_Nvgre_VsidAndInnerEthernet()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 47)
            .U16(0x2000).U16(0x6558).U32((0x123456u << 8) | 0x9A)
            .Ethernet("02:00:00:00:00:0b", "02:00:00:00:00:0a", 0x0800)
            .IPv4("10.2.0.1", "10.2.0.2", 17).Udp(53000, 53).DnsQuestion(1, false, "x.y", 1).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.Nvgre, fields.Tunnel);
        Assert.True(fields.GreKeyPresent);
        Assert.Equal(0x1234569Au, fields.GreKey);
        Assert.Equal(0x123456u, fields.VirtualNetworkId);
        Assert.True(fields.Outer.Has(PacketLayers.Gre));
        Assert.Equal(Decoded.Ip("10.2.0.1"), fields.Inner.SourceAddress.ToArray());
        Assert.Equal("x.y"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal("eth.ip.gre.eth.ip.udp.dns", fields.ToStackString());
    }

    [Fact]
    public void Decode_GreWithChecksumAndSequence_IPv4Inner()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 47)
            .U16(0x9000).U16(0x0800).U32(0).U32(99)
            .IPv4("10.3.0.1", "10.3.0.2", 6).Tcp(80, 81, 0x10).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.Gre, fields.Tunnel);
        Assert.False(fields.GreKeyPresent);
        Assert.Equal(0x0800, fields.TunnelProtocol);
        Assert.Equal(Decoded.Ip("10.3.0.2"), fields.Inner.DestinationAddress.ToArray());
        Assert.Equal(81, fields.Inner.DestinationPort);
        Assert.Equal(14 + 20 + 12, fields.Inner.IpOffset);
        Assert.Equal("eth.ip.gre.ip.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_IPv4InIPv4_InnerLayer()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 4)
            .IPv4("10.4.0.1", "10.4.0.2", 17).Udp(7, 9).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.IpInIp, fields.Tunnel);
        Assert.Equal(Decoded.Ip("10.4.0.1"), fields.Inner.SourceAddress.ToArray());
        Assert.Equal(9, fields.Inner.DestinationPort);
        Assert.Equal(0, fields.Outer.SourcePort);
        Assert.Equal("eth.ip.ip.udp", fields.ToStackString());
    }

    [Fact]
    public void Decode_IPv6InIPv4_InnerIPv6()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 41)
            .IPv6("2001:db8::1", "2001:db8::2", 58).U8(128).U8(0).U16(0).U16(1).U16(2).Build();

        var fields = Decoded.From(header);

        Assert.Equal(TunnelKind.IpInIp, fields.Tunnel);
        Assert.Equal(6, fields.Inner.IpVersion);
        Assert.Equal(128, fields.Inner.IcmpType);
        Assert.Equal("eth.ip.ip6.icmp6", fields.ToStackString());
    }

    [Fact]
    public void Decode_TunnelInsideTunnel_InnerKeptOnce()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(1, 4789)
            .U32(0x08000000).U32(1u << 8)
            .Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17).Udp(1, 4789)
            .U32(0x08000000).U32(2u << 8)
            .Ethernet(0x0800).IPv4("172.16.0.1", "172.16.0.2", 6).Tcp(1, 2, 2).Build();

        var fields = Decoded.From(header);

        Assert.Equal(1u, fields.VirtualNetworkId);
        Assert.Equal(Decoded.Ip("10.0.0.2"), fields.Inner.DestinationAddress.ToArray());
        Assert.Equal(4789, fields.Inner.DestinationPort);
        Assert.Equal("eth.ip.udp.vxlan.eth.ip.udp", fields.ToStackString());
    }
}
