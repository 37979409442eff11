using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class IPv4DecoderTests
{
    [Fact]
    public void Decode_Header_AllFields()
    {
        var header = new PacketBuilder().Ethernet(0x0800)
            .IPv4("10.77.0.2", "10.77.0.1", 6, tos: 0xB9, ttl: 63, identification: 0xF68B, flags: 2)
            .Tcp(5201, 35118, 0x10).Build();

        var fields = Decoded.From(header);
        ref readonly var ip = ref fields.Outer;

        Assert.Equal(4, ip.IpVersion);
        Assert.Equal(14, ip.IpOffset);
        Assert.Equal(20, ip.IpHeaderLength);
        Assert.Equal(0xB9, ip.Tos);
        Assert.Equal(46, ip.Dscp);
        Assert.Equal(1, ip.Ecn);
        Assert.Equal(40, ip.IpLength);
        Assert.Equal(0xF68Bu, ip.Identification);
        Assert.Equal(2, ip.IpFlags);
        Assert.False(ip.MoreFragments);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.Equal(63, ip.Ttl);
        Assert.Equal(6, ip.Protocol);
        Assert.Equal(Decoded.Ip("10.77.0.2"), ip.SourceAddress.ToArray());
        Assert.Equal(Decoded.Ip("10.77.0.1"), ip.DestinationAddress.ToArray());
    }

    [Fact]
    public void Decode_Options_TransportAfterOptions()
    {
        byte[] options = [0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00]; // router alert, NOPs, EOL
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17, options: options)
            .Udp(5000, 6000).Build();

        var fields = Decoded.From(header);

        Assert.Equal(28, fields.Outer.IpHeaderLength);
        Assert.Equal(5000, fields.Outer.SourcePort);
        Assert.Equal(6000, fields.Outer.DestinationPort);
        Assert.Equal(8, fields.Outer.UdpLength);
    }

    [Fact]
    public void Decode_FirstFragment_DecodesTransport()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17, flags: 1).Udp(53, 53).Build();

        var fields = Decoded.From(header);

        Assert.True(fields.Outer.MoreFragments);
        Assert.Equal(1, fields.Outer.IpFlags);
        Assert.True(fields.Outer.Has(PacketLayers.Udp));
        Assert.False(fields.Outer.Has(PacketLayers.NonFirstFragment));
    }

    [Fact]
    public void Decode_NonFirstFragment_NoTransport()
    {
        var header = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17, flags: 1, fragmentOffset: 185)
            .Udp(53, 53).Build();

        var fields = Decoded.From(header);

        Assert.Equal(185, fields.Outer.FragmentOffset);
        Assert.True(fields.Outer.Has(PacketLayers.NonFirstFragment));
        Assert.False(fields.Outer.Has(PacketLayers.Udp));
        Assert.Equal(0, fields.Outer.SourcePort);
        Assert.Equal("eth.ip", fields.ToStackString());
    }

    [Fact]
    public void Decode_RawIPv4HeaderProtocol_IpOffsetZero()
    {
        var header = new PacketBuilder().IPv4("69.58.92.107", "92.222.186.1", 1, tos: 8)
            .U8(0).U8(0).U16(0).U16(0x62B5).U16(1).Build();

        var fields = Decoded.From(header, SampledHeaderDecoder.HeaderProtocolIPv4);

        Assert.Equal(0, fields.IpOffset);
        Assert.False(fields.Outer.Has(PacketLayers.Ethernet));
        Assert.True(fields.Outer.SourceMac.IsEmpty);
        Assert.Equal(0x62B5, fields.Outer.IcmpId);
        Assert.Equal(1, fields.Outer.IcmpSequence);
        Assert.Equal("ip.icmp", fields.ToStackString());
    }

    [Fact]
    public void Decode_WrongVersionNibble_NothingDecoded()
    {
        var header = new PacketBuilder().IPv6("::1", "::2", 6).Build();
        var fields = default(PacketFields);

        Assert.False(SampledHeaderDecoder.Decode(SampledHeaderDecoder.HeaderProtocolIPv4, header, ref fields));
        Assert.Equal(0, fields.Outer.IpVersion);
    }

    [Fact]
    public void Decode_EthernetPadding_NotReadAsPayload()
    {
        // 60-byte minimum frame: the padding after the IP packet must not become a DNS question.
        var builder = new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 17).Udp(1234, 53);
        var header = builder.Build();
        var padded = new byte[60];
        header.CopyTo(padded, 0);
        padded.AsSpan(header.Length).Fill(0x01);

        var fields = Decoded.From(padded);

        Assert.True(fields.Outer.Has(PacketLayers.Udp));
        Assert.False(fields.HasDns);
    }
}
