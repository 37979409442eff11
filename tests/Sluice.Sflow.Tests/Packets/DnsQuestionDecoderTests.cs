using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class DnsQuestionDecoderTests
{
    private static byte[] Query(int sourcePort, int destinationPort, Action<PacketBuilder> dns)
    {
        var builder = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.53", 17).Udp(sourcePort, destinationPort);
        dns(builder);
        return builder.Build();
    }

    [Fact]
    public void Decode_Query_NameTypeAndQr()
    {
        var header = Query(40000, 53, b => b.DnsQuestion(0xBEEF, false, "www.Example.com", 28));

        var fields = Decoded.From(header);

        Assert.True(fields.HasDns);
        Assert.True(fields.Outer.Has(PacketLayers.Dns | PacketLayers.DnsQuestion));
        Assert.False(fields.DnsIsResponse);
        Assert.Equal(0xBEEF, fields.DnsId);
        Assert.Equal("www.Example.com"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal(28, fields.DnsQueryType);
        Assert.Equal(1, fields.DnsQueryClass);
        Assert.Equal("eth.ip.udp.dns", fields.ToStackString());
    }

    [Fact]
    public void Decode_Response_QrSetFromSourcePort()
    {
        var header = Query(53, 40000, b => b.DnsQuestion(1, true, "example.org", 1).Bytes(0xC0, 0x0C).U16(1).U16(1).U32(300).U16(4).U32(0x5DB8D822));

        var fields = Decoded.From(header);

        Assert.True(fields.DnsIsResponse);
        Assert.Equal("example.org"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal(1, fields.DnsQueryType);
    }

    [Fact]
    public void Decode_MulticastDns_Decoded()
    {
        var header = Query(5353, 5353, b => b.DnsQuestion(0, false, "_http._tcp.local", 12));

        var fields = Decoded.From(header);

        Assert.Equal("_http._tcp.local"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal(12, fields.DnsQueryType);
    }

    [Fact]
    public void Decode_RootName_EmptyName()
    {
        var header = Query(40000, 53, b => b.DnsQuestion(9, false, "", 2));

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.DnsQuestion));
        Assert.Equal(0, fields.DnsQueryNameLength);
        Assert.Equal(2, fields.DnsQueryType);
    }

    [Fact]
    public void Decode_CompressionPointerInQuestion_Refused()
    {
        var header = Query(40000, 53, b => b.U16(1).U16(0x0100).U16(1).U16(0).U16(0).U16(0).U8(3).Bytes("www"u8.ToArray()).Bytes(0xC0, 0x0C).U16(1).U16(1));

        var fields = Decoded.From(header);

        Assert.True(fields.HasDns);
        Assert.False(fields.Outer.Has(PacketLayers.DnsQuestion));
        Assert.True(fields.DnsQueryName.IsEmpty);
        Assert.Equal(0, fields.DnsQueryType);
    }

    [Fact]
    public void Decode_NameCutByHeaderEnd_TruncatedNoName()
    {
        var header = Query(40000, 53, b => b.U16(1).U16(0x0100).U16(1).U16(0).U16(0).U16(0).U8(10).Bytes("abc"u8.ToArray()));

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.Has(PacketLayers.Dns | PacketLayers.Truncated));
        Assert.True(fields.DnsQueryName.IsEmpty);
    }

    [Fact]
    public void Decode_LongestName_Fits()
    {
        var label = new string('a', 63);
        var name = $"{label}.{label}.{label}.{new string('b', 61)}"; // 253 chars, 255 bytes on the wire
        var header = Query(40000, 53, b => b.DnsQuestion(1, false, name, 1));

        var fields = Decoded.From(header);

        Assert.Equal(253, fields.DnsQueryNameLength);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(name), fields.DnsQueryName.ToArray());
    }

    [Fact]
    public void Decode_QueryInsideVxlan_DnsFromInnerLayer()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("192.0.2.1", "192.0.2.2", 17).Udp(50000, 4789)
            .U32(0x08000000).U32(42 << 8)
            .Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.53", 17).Udp(40000, 53).DnsQuestion(7, false, "a.b", 1).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Inner.Has(PacketLayers.Dns | PacketLayers.DnsQuestion));
        Assert.False(fields.Outer.Has(PacketLayers.Dns));
        Assert.Equal("a.b"u8.ToArray(), fields.DnsQueryName.ToArray());
        Assert.Equal("eth.ip.udp.vxlan.eth.ip.udp.dns", fields.ToStackString());
    }
}
