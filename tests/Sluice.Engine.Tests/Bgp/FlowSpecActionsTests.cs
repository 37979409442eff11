using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>sFlow-RT's FlowSpec <c>then</c> object to the extended communities of RFC 8955 §7.</summary>
public sealed class FlowSpecActionsTests
{
    [Theory]
    [InlineData("traffic-rate", "0", 0x8006_0000_0000_0000UL)]
    [InlineData("traffic-rate", "12500", 0x8006_0000_4643_5000UL)]
    [InlineData("traffic-rate-packets", "100", 0x800C_0000_42C8_0000UL)]
    [InlineData("traffic-action", "none", 0x8007_0000_0000_0000UL)]
    [InlineData("traffic-action", "continue", 0x8007_0000_0000_0001UL)]
    [InlineData("traffic-action", "sample", 0x8007_0000_0000_0002UL)]
    [InlineData("traffic-action", "sampleandcontinue", 0x8007_0000_0000_0003UL)]
    [InlineData("traffic-marking", "le", 0x8009_0000_0000_0001UL)]
    [InlineData("traffic-marking", "ef", 0x8009_0000_0000_002EUL)]
    [InlineData("traffic-marking", "10", 0x8009_0000_0000_000AUL)]
    [InlineData("redirect-as", "65000:666", 0x8008_FDE8_0000_029AUL)]
    [InlineData("redirect-as4", "4200000001:666", 0x8208_FA56_EA01_029AUL)]
    [InlineData("redirect-ip", "192.0.2.1:666", 0x8108_C000_0201_029AUL)]
    [InlineData("redirect-action-ip", "192.0.2.1", 0x010C_C000_0201_0000UL)]
    [InlineData("communities", "128:6:0", 0x8006_0000_0000_0000UL)]
    public void Parse_Action_IsTheExtendedCommunity(string key, string value, ulong community)
    {
        var actions = FlowSpecActions.Parse(new Dictionary<string, string> { [key] = value }, ipv6: false);

        Assert.Equal(community, Assert.Single(actions.Communities.Extended));
    }

    [Fact]
    public void Parse_RedirectNextHop_CarriesTheAddressAndTheRedirectCommunity()
    {
        var actions = FlowSpecActions.Parse(new Dictionary<string, string> { ["redirect-nexthop"] = "100::1" }, ipv6: true);

        Assert.Equal("100::1", actions.RedirectNextHop!.ToString());
        Assert.Equal(0x0800_0000_0000_0000UL, Assert.Single(actions.Communities.Extended));
    }

    [Fact]
    public void Parse_SeveralActionsAndCommunities_KeepsThemAll()
    {
        var actions = FlowSpecActions.Parse(
            new Dictionary<string, string> { ["traffic-rate"] = "0", ["communities"] = "65535:666,no-export 64512:1:2" },
            ipv6: false);

        Assert.Equal([0xFFFF029Au, 0xFFFFFF01u], actions.Communities.Standard);
        Assert.Single(actions.Communities.Extended);
        Assert.Equal(new BgpLargeCommunity(64512, 1, 2), Assert.Single(actions.Communities.Large));
    }

    [Theory]
    [InlineData("traffic-rate", "-1")]
    [InlineData("traffic-rate", "fast")]
    [InlineData("traffic-action", "drop")]
    [InlineData("traffic-marking", "gold")]
    [InlineData("redirect-as", "70000:1")]
    [InlineData("redirect-ip", "2001:db8::1:5")]
    [InlineData("redirect-nexthop", "2001:db8::1")]
    [InlineData("communities", "1:2:3:4")]
    [InlineData("discard", "yes")]
    public void Parse_BadAction_ThrowsFormatExceptionNamingIt(string key, string value)
    {
        var error = Assert.Throws<FormatException>(() => FlowSpecActions.Parse(new Dictionary<string, string> { [key] = value }, ipv6: false));

        Assert.Contains(key == "discard" ? "discard" : key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommunitiesParse_DashSeparatedList_IsTwoStandardCommunities()
    {
        var communities = BgpCommunities.Parse("100:300-100:250");

        Assert.Equal([(100u << 16) | 300, (100u << 16) | 250], communities.Standard);
    }
}
