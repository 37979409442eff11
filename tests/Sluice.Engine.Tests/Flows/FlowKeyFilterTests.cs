using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowKeyFilterTests
{
    private static readonly string[] Keys = ["ipsource", "ipdestination", "tcpdestinationport"];

    [Theory]
    [InlineData("ipsource=10.0.0.1", true)]
    [InlineData("ipsource=10.0.0.2", false)]
    [InlineData("ipsource=10.0.0.0/8&tcpdestinationport=443,80", true)]
    [InlineData("ipdestination!=192.168.0.0/16", false)]
    [InlineData("tcpdestinationport=22|ipdestination~192\\.168\\..*", true)]
    [InlineData("'tcpdestinationport'='443'", true)]
    [InlineData("mask:ipsource:24=10.0.0.0", true)]
    [InlineData("range:tcpdestinationport:1:1023=true", true)]
    public void Matches_KeyOfThreeParts_ComparesTheNamedPart(string filter, bool expected)
    {
        Assert.Equal(expected, FlowKeyFilter.Parse(filter, Keys, ",").Matches("10.0.0.1,192.168.1.2,443"));
    }

    [Fact]
    public void Matches_CustomSeparatorAndKeyFunctions_SplitsAtSeparator()
    {
        var filter = FlowKeyFilter.Parse("group:ipsource:site=inside&ipprotocol=6", ["group:ipsource:site", "ipprotocol"], "_SEP_");

        Assert.True(filter.Matches("inside_SEP_6"));
        Assert.False(filter.Matches("outside_SEP_6"));
        Assert.False(filter.Matches("inside,6")); // one part where two are expected
    }

    [Theory]
    [InlineData("ipprotocol=6", "not a key of this flow", 0, "ipprotocol")]
    [InlineData("ipsource=10.0.0.1&ipsorce=1", "not a key of this flow", 18, "ipsorce")]
    [InlineData("mask:ipprotocol:8=1", "not a key of this flow", 5, "ipprotocol")]
    [InlineData("ipsource=", "expected a value", 9, "")]
    [InlineData("10.0.0.1", "not a key of this flow", 0, "10.0.0.1")] // a bare pattern is not a filter
    [InlineData("ipsource", "expected =, !=, ~ or !~", 8, "")]
    public void Parse_BadFilter_PointsAtToken(string filter, string reason, int position, string token)
    {
        var e = Assert.Throws<FlowSyntaxException>(() => FlowKeyFilter.Parse(filter, Keys, ","));

        Assert.Equal(reason, e.Reason);
        Assert.Equal(position, e.Position);
        Assert.Equal(token, e.Token);
    }
}
