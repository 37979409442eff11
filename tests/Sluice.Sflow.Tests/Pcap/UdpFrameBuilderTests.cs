using System.Buffers.Binary;
using Sluice.Sflow.Pcap;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class UdpFrameBuilderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1387)]
    public void Write_IPv4_LengthsAndChecksumsAreValid(int payloadLength)
    {
        var payload = TestFrames.Payload(payloadLength);
        var frame = TestFrames.Udp("10.1.2.3", 50000, "10.9.8.7", 6343, payload);
        Assert.Equal(14 + 20 + 8 + payloadLength, frame.Length);
        Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)));
        var ip = frame.AsSpan(14);
        Assert.Equal(0x45, ip[0]);
        Assert.Equal(20 + 8 + payloadLength, BinaryPrimitives.ReadUInt16BigEndian(ip[2..]));
        Assert.Equal(64, ip[8]);
        Assert.Equal(17, ip[9]);

        // A valid header sums to 0xFFFF, so the folded complement is 0.
        Assert.Equal(0, UdpFrameBuilder.Fold(UdpFrameBuilder.Sum(ip[..20], 0)));

        var udp = ip[20..];
        Assert.Equal(50000, BinaryPrimitives.ReadUInt16BigEndian(udp));
        Assert.Equal(6343, BinaryPrimitives.ReadUInt16BigEndian(udp[2..]));
        Assert.Equal(8 + payloadLength, BinaryPrimitives.ReadUInt16BigEndian(udp[4..]));
        var pseudo = UdpFrameBuilder.Sum(ip.Slice(12, 8), 0) + 17 + (uint)(8 + payloadLength);
        Assert.Equal(0, UdpFrameBuilder.Fold(UdpFrameBuilder.Sum(udp, pseudo)));
        Assert.Equal(payload, udp[8..].ToArray());
    }

    [Fact]
    public void Write_IPv6_LengthsAndChecksumAreValid()
    {
        var payload = TestFrames.Payload(333);
        var frame = TestFrames.Udp("2001:db8::1", 1234, "2001:db8:1::2", 6343, payload);
        Assert.Equal(14 + 40 + 8 + 333, frame.Length);
        Assert.Equal(0x86DD, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)));
        var ip = frame.AsSpan(14);
        Assert.Equal(0x60, ip[0]);
        Assert.Equal(8 + 333, BinaryPrimitives.ReadUInt16BigEndian(ip[4..]));
        Assert.Equal(17, ip[6]);
        var udp = ip[40..];
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(udp[6..]));
        var pseudo = UdpFrameBuilder.Sum(ip.Slice(8, 32), 0) + (uint)(8 + 333) + 17;
        Assert.Equal(0, UdpFrameBuilder.Fold(UdpFrameBuilder.Sum(udp, pseudo)));
    }

    [Fact]
    public void Write_CustomMacs_AreWritten()
    {
        var frame = new byte[100];
        byte[] source = [1, 2, 3, 4, 5, 6];
        byte[] destination = [7, 8, 9, 10, 11, 12];
        var written = UdpFrameBuilder.Write(frame, source, destination, TestFrames.Ip("192.0.2.1"), 1, TestFrames.Ip("192.0.2.2"), 2, [0xEE]);
        Assert.Equal(43, written);
        Assert.Equal(destination, frame[..6]);
        Assert.Equal(source, frame[6..12]);
    }

    [Fact]
    public void Write_BadArguments_Throw()
    {
        var v4 = TestFrames.Ip("192.0.2.1");
        var v6 = TestFrames.Ip("2001:db8::1");
        Assert.Throws<ArgumentException>(() => UdpFrameBuilder.Write(new byte[100], v4, 1, v6, 2, []));
        Assert.Throws<ArgumentException>(() => UdpFrameBuilder.Write(new byte[41], v4, 1, v4, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => UdpFrameBuilder.Write(new byte[100], v4, 70000, v4, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => UdpFrameBuilder.Write(new byte[70000], v4, 1, v4, 2, new byte[UdpFrameBuilder.MaxIPv4Payload + 1]));
    }
}
