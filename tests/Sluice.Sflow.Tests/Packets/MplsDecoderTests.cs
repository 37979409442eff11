using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class MplsDecoderTests
{
    private static uint Entry(uint label, bool bottom, uint ttl = 64) => (label << 12) | (bottom ? 0x100u : 0) | ttl;

    [Fact]
    public void Decode_TwoLabelsThenIPv4_LabelsAndInnerIp()
    {
        var header = new PacketBuilder().Ethernet(0x8847).U32(Entry(16001, false)).U32(Entry(299776, true))
            .IPv4("10.1.1.1", "10.2.2.2", 6).Tcp(179, 40000, 0x18).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Mpls | PacketLayers.IPv4 | PacketLayers.Tcp));
        Assert.Equal(0x8847, fields.Outer.EtherType);
        Assert.Equal(2, fields.Outer.MplsLabelCount);
        Assert.Equal([16001u, 299776u], fields.Outer.MplsLabels.ToArray());
        Assert.Equal(22, fields.IpOffset);
        Assert.Equal(179, fields.Outer.SourcePort);
        Assert.Equal("eth.mpls.ip.tcp", fields.ToStackString());
    }

    [Fact]
    public void Decode_SixLabelsThenIPv6_KeepsTopFourCountsSix()
    {
        var builder = new PacketBuilder().Ethernet(0x8847);
        for (uint i = 1; i <= 6; i++)
        {
            builder.U32(Entry(100 + i, i == 6));
        }

        var header = builder.IPv6("2001:db8::1", "2001:db8::2", 17).Udp(1, 2).Build();

        var fields = Decoded.From(header);

        Assert.Equal(6, fields.Outer.MplsLabelCount);
        Assert.Equal([101u, 102u, 103u, 104u], fields.Outer.MplsLabels.ToArray());
        Assert.Equal(6, fields.Outer.IpVersion);
        Assert.Equal(38, fields.IpOffset);
        Assert.Equal("eth.mpls.ip6.udp", fields.ToStackString());
    }

    [Fact]
    public void Decode_NoBottomOfStack_TruncatedNoIp()
    {
        var header = new PacketBuilder().Ethernet(0x8847).U32(Entry(1, false)).U32(Entry(2, false)).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Mpls | PacketLayers.Truncated));
        Assert.Equal(2, fields.Outer.MplsLabelCount);
        Assert.Equal(0, fields.Outer.IpVersion);
    }
}
