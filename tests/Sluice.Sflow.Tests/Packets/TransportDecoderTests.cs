using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class TransportDecoderTests
{
    [Theory]
    [InlineData(0x002)]
    [InlineData(0x012)]
    [InlineData(0x1C2)] // NS + CWR + ECE + SYN
    [InlineData(0x011)]
    public void Decode_Tcp_PortsFlagsWindow(int flags)
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 6)
            .Tcp(33000, 443, flags, window: 29200).Build();

        var fields = Decoded.From(header);

        Assert.Equal(33000, fields.Outer.SourcePort);
        Assert.Equal(443, fields.Outer.DestinationPort);
        Assert.Equal(flags, fields.Outer.TcpFlags);
        Assert.Equal(29200, fields.Outer.TcpWindow);
    }

    [Fact]
    public void Decode_TcpCutAfterPorts_PortsKeptTruncated()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 6).U16(1).U16(2).U16(3).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Tcp | PacketLayers.Truncated));
        Assert.Equal(1, fields.Outer.SourcePort);
        Assert.Equal(2, fields.Outer.DestinationPort);
        Assert.Equal(0, fields.Outer.TcpFlags);
    }

    [Fact]
    public void Decode_Udp_PortsAndLength()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17).Udp(123, 40000).Zeros(48).Build();

        var fields = Decoded.From(header);

        Assert.Equal(123, fields.Outer.SourcePort);
        Assert.Equal(40000, fields.Outer.DestinationPort);
        Assert.Equal(56, fields.Outer.UdpLength);
        Assert.Equal("eth.ip.udp", fields.ToStackString());
    }
}
