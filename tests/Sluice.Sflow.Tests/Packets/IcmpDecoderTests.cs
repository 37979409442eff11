using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class IcmpDecoderTests
{
    [Fact]
    public void Decode_EchoRequest_TypeCodeIdSequence()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 1)
            .U8(8).U8(0).U16(0).U16(0xA948).U16(0x0CB2).Zeros(16).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Icmp));
        Assert.Equal(8, fields.Outer.IcmpType);
        Assert.Equal(0, fields.Outer.IcmpCode);
        Assert.Equal(0xA948, fields.Outer.IcmpId);
        Assert.Equal(0x0CB2, fields.Outer.IcmpSequence);
        Assert.Equal("eth.ip.icmp", fields.ToStackString());
    }

    [Fact]
    public void Decode_PortUnreachable_QuotedHeaderAndPort()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("198.51.100.1", "10.0.0.1", 1)
            .U8(3).U8(3).U16(0).U32(0)
            .IPv4("10.0.0.1", "198.51.100.7", 17, ttl: 1).Udp(40000, 33434).Build();

        var fields = Decoded.From(header);
        ref readonly var layer = ref fields.Outer;

        Assert.True(layer.Has(PacketLayers.Icmp | PacketLayers.IcmpUnreachableInner));
        Assert.Equal(3, layer.IcmpType);
        Assert.Equal(3, layer.IcmpCode);
        Assert.Equal(4, layer.IcmpInnerIpVersion);
        Assert.Equal(17, layer.IcmpInnerProtocol);
        Assert.Equal(Decoded.Ip("10.0.0.1"), layer.IcmpInnerSource.ToArray());
        Assert.Equal(Decoded.Ip("198.51.100.7"), layer.IcmpInnerDestination.ToArray());
        Assert.True(layer.IcmpInnerHasPorts);
        Assert.Equal(40000, layer.IcmpInnerSourcePort);
        Assert.Equal(33434, layer.IcmpInnerDestinationPort);
        // The quoted header must not overwrite the packet's own addresses.
        Assert.Equal(Decoded.Ip("198.51.100.1"), layer.SourceAddress.ToArray());
        Assert.Equal("eth.ip.icmp", fields.ToStackString());
    }

    [Fact]
    public void Decode_UnreachableCutInQuotedHeader_TruncatedNoInner()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("198.51.100.1", "10.0.0.1", 1)
            .U8(3).U8(1).U16(0).U32(0).U8(0x45).Zeros(10).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Icmp | PacketLayers.Truncated));
        Assert.False(fields.Outer.Has(PacketLayers.IcmpUnreachableInner));
        Assert.True(fields.Outer.IcmpInnerDestination.IsEmpty);
    }

    [Fact]
    public void Decode_Icmp6Unreachable_QuotedIPv6Header()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::ff", "2001:db8::1", 58)
            .U8(1).U8(4).U16(0).U32(0)
            .IPv6("2001:db8::1", "2001:db8::99", 6).Tcp(50000, 8080, 0x002).Build();

        var fields = Decoded.From(header);
        ref readonly var layer = ref fields.Outer;

        Assert.True(layer.Has(PacketLayers.Icmp6 | PacketLayers.IcmpUnreachableInner));
        Assert.Equal(1, layer.IcmpType);
        Assert.Equal(4, layer.IcmpCode);
        Assert.Equal(6, layer.IcmpInnerIpVersion);
        Assert.Equal(6, layer.IcmpInnerProtocol);
        Assert.Equal(Decoded.Ip("2001:db8::99"), layer.IcmpInnerDestination.ToArray());
        Assert.Equal(8080, layer.IcmpInnerDestinationPort);
        Assert.Equal("eth.ip6.icmp6", fields.ToStackString());
    }

    [Fact]
    public void Decode_Icmp6EchoReply_IdSequence()
    {
        var header = new PacketBuilder().Ethernet(0x86DD).IPv6("2001:db8::1", "2001:db8::2", 58)
            .U8(129).U8(0).U16(0).U16(77).U16(3).Build();

        var fields = Decoded.From(header);

        Assert.Equal(129, fields.Outer.IcmpType);
        Assert.Equal(77, fields.Outer.IcmpId);
        Assert.Equal(3, fields.Outer.IcmpSequence);
    }
}
