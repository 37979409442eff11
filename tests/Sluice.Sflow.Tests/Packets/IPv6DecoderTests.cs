using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class IPv6DecoderTests
{
    [Fact]
    public void Decode_Header_AllFields()
    {
        var header = new PacketBuilder().Ethernet(0x86DD)
            .IPv6("2001:db8::1", "2001:db8:0:1::2", 6, trafficClass: 0x2E, flowLabel: 0x12345, hopLimit: 61)
            .Tcp(443, 50000, 0x011).Build();

        var fields = Decoded.From(header);
        ref readonly var ip = ref fields.Outer;

        Assert.Equal(6, ip.IpVersion);
        Assert.Equal(0x2E, ip.Tos);
        Assert.Equal(11, ip.Dscp);
        Assert.Equal(2, ip.Ecn);
        Assert.Equal(0x12345u, ip.FlowLabel);
        Assert.Equal(20, ip.IpLength);
        Assert.Equal(61, ip.Ttl);
        Assert.Equal(6, ip.Protocol);
        Assert.Equal(40, ip.IpHeaderLength);
        Assert.Equal(Decoded.Ip("2001:db8::1"), ip.SourceAddress.ToArray());
        Assert.Equal(Decoded.Ip("2001:db8:0:1::2"), ip.DestinationAddress.ToArray());
        Assert.Equal(0x011, ip.TcpFlags);
        Assert.Equal("eth.ip6.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_ExtensionChain_FinalNextHeaderAndPorts()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::1", "2001:db8::2", 0)
            .U8(60).U8(0).Zeros(6)                        // hop-by-hop, 8 bytes
            .U8(43).U8(1).Zeros(14)                       // destination options, 16 bytes
            .U8(51).U8(1).Zeros(14)                       // routing, 16 bytes
            .U8(17).U8(2).Zeros(14)                       // AH: (2+2)*4 = 16 bytes
            .Udp(5353, 5353).DnsQuestion(0, false, "printer.local", 12).Build();

        var fields = Decoded.From(header);

        Assert.Equal(17, fields.Outer.Protocol);
        Assert.Equal(40 + 8 + 16 + 16 + 16, fields.Outer.IpHeaderLength);
        Assert.Equal(5353, fields.Outer.DestinationPort);
        Assert.Equal("printer.local"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal("eth.ip6.udp.dns", fields.ToStackString());
    }

    [Fact]
    public void Decode_FirstFragment_MoreFragmentsAndTransport()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::1", "2001:db8::2", 44)
            .U8(17).U8(0).U16((0 << 3) | 1).U32(0xCAFE)
            .Udp(1000, 2000).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.IPv6FragmentHeader | PacketLayers.Udp));
        Assert.True(fields.Outer.MoreFragments);
        Assert.Equal(0, fields.Outer.FragmentOffset);
        Assert.Equal(0xCAFEu, fields.Outer.Identification);
        Assert.Equal(17, fields.Outer.Protocol);
    }

    [Fact]
    public void Decode_LaterFragment_NoTransport()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::1", "2001:db8::2", 44)
            .U8(6).U8(0).U16((181 << 3) | 0).U32(7).Zeros(20).Build();

        var fields = Decoded.From(header);

        Assert.Equal(181, fields.Outer.FragmentOffset);
        Assert.False(fields.Outer.MoreFragments);
        Assert.Equal(6, fields.Outer.Protocol);
        Assert.True(fields.Outer.Has(PacketLayers.NonFirstFragment));
        Assert.False(fields.Outer.Has(PacketLayers.Tcp));
    }

    [Fact]
    public void Decode_ExtensionBeyondHeader_Truncated()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::1", "2001:db8::2", 0).U8(6).U8(10).Zeros(6).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.IPv6 | PacketLayers.Truncated));
        Assert.False(fields.Outer.Has(PacketLayers.Tcp));
    }

    [Fact]
    public void Decode_RawIPv6HeaderProtocol_Decodes()
    {
        var header = new PacketBuilder().IPv6("fe80::1", "ff02::1", 58, hopLimit: 255).U8(128).U8(0).U16(0).U16(7).U16(9).Build();

        var fields = Decoded.From(header, SampledHeaderDecoder.HeaderProtocolIPv6);

        Assert.Equal(0, fields.IpOffset);
        Assert.Equal(128, fields.Outer.IcmpType);
        Assert.Equal(7, fields.Outer.IcmpId);
        Assert.Equal(9, fields.Outer.IcmpSequence);
        Assert.Equal("ip6.icmp6", fields.ToStackString());
    }
}
