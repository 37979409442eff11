using System.Net;
using Sluice.Engine.Forwarding;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

public sealed class AddressBlockTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.0.0.7/24", "10.0.0.200", true)]
    [InlineData("10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.1", "10.0.0.2", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    public void Contains_Address_MatchesPrefix(string block, string address, bool expected)
    {
        Assert.Equal(expected, AddressBlock.Parse(block).Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_RawBytes_MatchesFamilyAndPrefix()
    {
        var block = AddressBlock.Parse("192.0.2.0/24");

        Assert.True(block.Contains([192, 0, 2, 99]));
        Assert.False(block.Contains([192, 0, 3, 99]));
        Assert.False(block.Contains(new byte[16]));
        Assert.False(block.Contains([192, 0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0/8")]
    [InlineData("2001:db8::/129")]
    [InlineData("host.example/8")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(AddressBlock.TryParse(text, out _));
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    public void ToString_Parsed_IsCanonicalPrefix(string text, string expected)
    {
        Assert.Equal(expected, AddressBlock.Parse(text).ToString());
    }
}
