using System.Net;
using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowFormatTests
{
    [Fact]
    public void Address_EveryOctetInEveryPosition_DottedQuadAsIPAddressWritesIt()
    {
        var destination = new char[16];
        for (var octet = 0; octet < 256; octet++)
        {
            for (var position = 0; position < 4; position++)
            {
                byte[] address = [1, 22, 133, 4];
                address[position] = (byte)octet;
                var length = FlowFormat.Address(address, destination);
                Assert.Equal(new IPAddress(address).ToString(), new string(destination, 0, length));
            }
        }
    }

    [Theory]
    [InlineData(15, "255.255.255.255")]
    [InlineData(7, "1.2.3.4")]
    public void Address_DestinationJustLongEnough_WritesTheQuad(int room, string text)
    {
        var address = IPAddress.Parse(text).GetAddressBytes();
        var destination = new char[room];

        var length = FlowFormat.Address(address, destination);

        Assert.Equal(text, new string(destination, 0, length));
    }

    [Fact]
    public void Address_DestinationTooShort_MinusOne()
    {
        Assert.Equal(-1, FlowFormat.Address([255, 255, 255, 255], new char[14]));
    }

    [Fact]
    public void Mac_SixBytes_UpperCaseHexWithoutSeparators()
    {
        var destination = new char[12];

        var length = FlowFormat.Mac([0x00, 0x1A, 0x2B, 0xC3, 0xD4, 0xFF], destination);

        Assert.Equal("001A2BC3D4FF", new string(destination, 0, length));
        Assert.Equal(-1, FlowFormat.Mac([1, 2, 3, 4, 5, 6], new char[11]));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(100L)]
    [InlineData(4095L)]
    [InlineData(65535L)]
    [InlineData(1234567890123L)]
    [InlineData(long.MaxValue)]
    [InlineData(-42L)]
    public void Number_Value_InvariantDecimalText(long value)
    {
        var destination = new char[20];

        var length = FlowFormat.Number(value, destination);

        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), new string(destination, 0, length));
        Assert.Equal(-1, FlowFormat.Number(value, new char[length - 1]));
    }
}
