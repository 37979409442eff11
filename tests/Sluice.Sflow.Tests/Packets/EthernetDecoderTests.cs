using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class EthernetDecoderTests
{
    [Fact]
    public void Decode_EthernetII_MacsAndEtherType()
    {
        var header = new PacketBuilder().Ethernet("82:eb:29:20:bb:72", "42:52:57:6d:2b:da", 0x0800)
            .IPv4("10.0.0.1", "10.0.0.2", 6).Tcp(1, 2, 0x10).Build();

        var fields = Decoded.From(header);

        Assert.Equal(Decoded.Mac("82eb2920bb72"), fields.Outer.DestinationMac.ToArray());
        Assert.Equal(Decoded.Mac("4252576d2bda"), fields.Outer.SourceMac.ToArray());
        Assert.Equal(0x0800, fields.Outer.EtherType);
        Assert.True(fields.Outer.Has(PacketLayers.Ethernet | PacketLayers.IPv4 | PacketLayers.Tcp));
        Assert.False(fields.Outer.Has(PacketLayers.Vlan));
        Assert.Equal(0, fields.Outer.VlanCount);
        Assert.Equal(14, fields.IpOffset);
        Assert.Equal("eth.ip.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_SingleTag_VlanAndPriority()
    {
        var header = new PacketBuilder().Ethernet(0x8100).Tag(5, 809, 0x0800)
            .IPv4("10.0.0.1", "10.0.0.2", 17).Udp(1000, 2000).Build();

        var fields = Decoded.From(header);

        Assert.Equal(1, fields.Outer.VlanCount);
        Assert.Equal(809, fields.Outer.Vlan);
        Assert.Equal(5, fields.Outer.Priority);
        Assert.Equal(0x0800, fields.Outer.EtherType);
        Assert.Equal(18, fields.IpOffset);
        Assert.Equal("eth.vlan.ip.udp", fields.ToStackString());
    }

    [Theory]
    [InlineData(0x88A8)]
    [InlineData(0x9100)]
    [InlineData(0x9200)]
    [InlineData(0x9300)]
    [InlineData(0x8100)]
    public void Decode_QinQ_OuterAndInnerTags(int outerTpid)
    {
        var header = new PacketBuilder().Ethernet(outerTpid).Tag(3, 1062, 0x8100).Tag(1, 1493, 0x86DD)
            .IPv6("2001:db8::1", "2001:db8::2", 6).Tcp(443, 5000, 0x12).Build();

        var fields = Decoded.From(header);

        Assert.Equal(2, fields.Outer.VlanCount);
        Assert.Equal(1062, fields.Outer.Vlan);
        Assert.Equal(3, fields.Outer.Priority);
        Assert.Equal(1493, fields.Outer.InnerVlan);
        Assert.Equal(1, fields.Outer.InnerPriority);
        Assert.Equal(0x86DD, fields.Outer.EtherType);
        Assert.Equal(22, fields.IpOffset);
        Assert.Equal("eth.vlan.ip6.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_ThreeTags_CountsAllKeepsTwo()
    {
        var header = new PacketBuilder().Ethernet(0x88A8).Tag(0, 10, 0x8100).Tag(0, 20, 0x8100).Tag(0, 30, 0x0800)
            .IPv4("10.0.0.1", "10.0.0.2", 6).Tcp(1, 2, 2).Build();

        var fields = Decoded.From(header);

        Assert.Equal(3, fields.Outer.VlanCount);
        Assert.Equal(10, fields.Outer.Vlan);
        Assert.Equal(20, fields.Outer.InnerVlan);
        Assert.Equal(26, fields.IpOffset);
        Assert.True(fields.Outer.Has(PacketLayers.Tcp));
    }

    [Fact]
    public void Decode_Ieee8023Snap_FollowsEtherType()
    {
        var builder = new PacketBuilder().Ethernet(0);
        var lengthPosition = builder.Length - 2;
        builder.Bytes(0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00).U16(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(1, 2);
        var header = builder.Build();
        header[lengthPosition + 1] = (byte)(header.Length - 14);

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Llc | PacketLayers.Snap | PacketLayers.IPv4 | PacketLayers.Udp));
        Assert.Equal(0x0800, fields.Outer.EtherType);
        Assert.Equal(22, fields.IpOffset);
        Assert.Equal(Decoded.Ip("192.0.2.2"), fields.Outer.DestinationAddress.ToArray());
    }

    [Fact]
    public void Decode_LlcIp_DecodesIPv4()
    {
        var header = new PacketBuilder().Ethernet(100).Bytes(0x06, 0x06, 0x03)
            .IPv4("192.0.2.1", "192.0.2.2", 6).Tcp(80, 1234, 0x18).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Llc | PacketLayers.IPv4 | PacketLayers.Tcp));
        Assert.False(fields.Outer.Has(PacketLayers.Snap));
        Assert.Equal(17, fields.IpOffset);
        Assert.Equal(80, fields.Outer.SourcePort);
    }

    [Fact]
    public void Decode_VendorSnapOui_StopsAfterSnap()
    {
        var header = new PacketBuilder().Ethernet(60).Bytes(0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C).U16(0x2000).Zeros(20).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Snap));
        Assert.Equal(0, fields.Outer.EtherType);
        Assert.Equal(0, fields.Outer.IpVersion);
        Assert.Equal(-1, fields.IpOffset);
        Assert.Equal("eth", fields.ToStackString());
    }

    [Fact]
    public void Decode_TagCutShort_TruncatedKeepsMacs()
    {
        var header = new PacketBuilder().Ethernet(0x8100).U8(0x20).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Ethernet | PacketLayers.Truncated));
        Assert.Equal(6, fields.Outer.SourceMac.Length);
        Assert.Equal(0, fields.Outer.VlanCount);
    }

    [Theory]
    [InlineData("ff:ff:ff:ff:ff:ff", true, false, false)]
    [InlineData("01:00:5e:00:00:fb", false, true, false)]
    [InlineData("33:33:00:00:00:01", false, true, false)]
    [InlineData("00:11:22:33:44:55", false, false, true)]
    public void Decode_DestinationMac_CastKind(string mac, bool broadcast, bool multicast, bool unicast)
    {
        var fields = Decoded.From(new PacketBuilder().Ethernet(mac, "00:00:00:00:00:01", 0x0800).IPv4("10.0.0.1", "10.0.0.2", 17).Udp(1, 2).Build());

        Assert.Equal(broadcast, fields.Outer.IsBroadcast);
        Assert.Equal(multicast, fields.Outer.IsMulticast);
        Assert.Equal(unicast, fields.Outer.IsUnicast);
    }
}
