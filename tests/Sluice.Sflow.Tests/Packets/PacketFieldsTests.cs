using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class PacketFieldsTests
{
    [Fact]
    public void FormatStack_LargeEnough_WritesDottedTokens()
    {
        var fields = Decoded.From(TunnelDecoderTests.VxlanPacket());
        Span<char> buffer = stackalloc char[64];

        var written = fields.FormatStack(buffer);

        Assert.Equal("eth.ip.udp.vxlan.eth.vlan.ip6.tcp", buffer[..written].ToString());
        Assert.Equal(
            [PacketProtocol.Eth, PacketProtocol.Ip, PacketProtocol.Udp, PacketProtocol.Vxlan, PacketProtocol.Eth,
             PacketProtocol.Vlan, PacketProtocol.Ip6, PacketProtocol.Tcp],
            fields.Stack.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    public void FormatStack_TooSmall_ReturnsMinusOne(int size)
    {
        var fields = Decoded.From(new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 6).Tcp(1, 2, 2).Build());
        Span<char> buffer = stackalloc char[size];

        Assert.Equal(-1, fields.FormatStack(buffer));
    }

    [Fact]
    public void FormatStack_ExactSize_Fits()
    {
        var fields = Decoded.From(new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 6).Tcp(1, 2, 2).Build());
        Span<char> buffer = stackalloc char[10];

        Assert.Equal(10, fields.FormatStack(buffer));
        Assert.Equal("eth.ip.tcp", buffer.ToString());
    }

    [Fact]
    public void Reset_AfterDecode_EverythingCleared()
    {
        var fields = Decoded.From(TunnelDecoderTests.VxlanPacket());

        fields.Reset();

        Assert.Equal(PacketLayers.None, fields.Outer.Layers);
        Assert.Equal(PacketLayers.None, fields.Inner.Layers);
        Assert.Equal(0, fields.StackDepth);
        Assert.Equal(TunnelKind.None, fields.Tunnel);
        Assert.Equal(-1, fields.IpOffset);
        Assert.True(fields.Outer.SourceMac.IsEmpty);
        Assert.True(fields.Inner.SourceAddress.IsEmpty);
        Assert.Equal("", fields.ToStackString());
    }

    [Fact]
    public void Decode_ReusedFields_NoLeftovers()
    {
        var fields = Decoded.From(TunnelDecoderTests.VxlanPacket());
        var arp = new PacketBuilder().Ethernet(0x0806).U16(1).U16(0x0800).U8(6).U8(4).U16(1).Zeros(20).Build();

        Assert.True(SampledHeaderDecoder.Decode(1, arp, ref fields));

        Assert.Equal(TunnelKind.None, fields.Tunnel);
        Assert.Equal(PacketLayers.None, fields.Inner.Layers);
        Assert.Equal(0, fields.Outer.IpVersion);
        Assert.Equal("eth.arp", fields.ToStackString());
    }
}
