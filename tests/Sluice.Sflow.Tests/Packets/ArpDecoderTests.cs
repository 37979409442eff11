using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class ArpDecoderTests
{
    [Fact]
    public void Decode_ArpRequest_OperationAddresses()
    {
        var header = new PacketBuilder().Ethernet("ff:ff:ff:ff:ff:ff", "00:11:22:33:44:55", 0x0806)
            .U16(1).U16(0x0800).U8(6).U8(4).U16(1)
            .Mac("00:11:22:33:44:55").Address("192.0.2.10").Mac("00:00:00:00:00:00").Address("192.0.2.1")
            .Zeros(18).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Arp));
        Assert.False(fields.Outer.Has(PacketLayers.Truncated));
        Assert.Equal(1, fields.Outer.ArpOperation);
        Assert.Equal(Decoded.Mac("001122334455"), fields.Outer.ArpSenderMac.ToArray());
        Assert.Equal(Decoded.Ip("192.0.2.10"), fields.Outer.ArpSenderIp.ToArray());
        Assert.Equal(new byte[6], fields.Outer.ArpTargetMac.ToArray());
        Assert.Equal(Decoded.Ip("192.0.2.1"), fields.Outer.ArpTargetIp.ToArray());
        Assert.Equal("eth.arp", fields.ToStackString());
        Assert.Equal(-1, fields.IpOffset);
    }

    [Fact]
    public void Decode_ArpCutAfterOperation_OperationOnly()
    {
        var header = new PacketBuilder().Ethernet(0x0806).U16(1).U16(0x0800).U8(6).U8(4).U16(2).Mac("00:11:22:33:44:55").Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Arp | PacketLayers.Truncated));
        Assert.Equal(2, fields.Outer.ArpOperation);
    }
}
