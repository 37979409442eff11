using Sluice.Engine.Bgp.FlowSpec;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>sFlow-RT's FlowSpec <c>match</c> object (sflow-rt-api.md §8.3) to NLRI components and back.</summary>
public sealed class FlowSpecMatchTests
{
    [Theory]
    [InlineData("protocol", "=17", "=17")]
    [InlineData("protocol", "udp", "=17")]
    [InlineData("protocol", "==6", "=6")]
    [InlineData("protocol", "17", "=17")]
    [InlineData("destination-port", "80,443", "=80 =443")]
    [InlineData("destination-port", "80 | 443", "=80 =443")]
    [InlineData("port", ">=1024&<=2048", ">=1024&<=2048")]
    [InlineData("port", "1024-2048", ">=1024&<=2048")]
    [InlineData("source-port", "!=53", "!=53")]
    [InlineData("length", "<64 >1400", "<64 >1400")]
    [InlineData("icmp-type", "true", "true")]
    [InlineData("dscp", "=0x2e", "=46")]
    [InlineData("tcp-flags", "=SA", "=SA")]
    [InlineData("tcp-flags", "S", "S")]
    [InlineData("tcp-flags", "!=R", "!=R")]
    [InlineData("tcp-flags", "=S&!A", "=S&!A")]
    [InlineData("tcp-flags", "=N", "=N")]
    [InlineData("fragment", "=I", "=I")]
    [InlineData("fragment", "DF", "DF")]
    public void ParseThenFormat_Expression_IsTheCanonicalText(string key, string value, string expected)
    {
        var nlri = FlowSpecMatch.Parse(new Dictionary<string, string> { [key] = value });

        Assert.Equal(expected, FlowSpecMatch.Format(nlri).Single(p => p.Key == key).Value);
    }

    [Fact]
    public void Parse_SeedRule_HasDestinationProtocolAndSourcePort()
    {
        var nlri = FlowSpecMatch.Parse(new Dictionary<string, string>
        {
            ["destination"] = "10.0.0.1",
            ["protocol"] = "=17",
            ["source-port"] = "=53",
        });

        Assert.False(nlri.IsIPv6);
        Assert.Equal(
            [FlowSpecComponentType.DestinationPrefix, FlowSpecComponentType.Protocol, FlowSpecComponentType.SourcePort],
            nlri.Components.Select(c => c.Type));
        Assert.Equal("10.0.0.1/32", nlri.Components[0].Prefix!.ToString());
        Assert.Equal("version 4 destination 10.0.0.1/32 protocol =17 source-port =53", nlri.ToString());
    }

    [Fact]
    public void Parse_IPv6PrefixWithOffsetAndFlowLabel_IsAnIPv6Rule()
    {
        var nlri = FlowSpecMatch.Parse(new Dictionary<string, string>
        {
            ["destination"] = "2001:db8::1/128",
            ["source"] = "::a:0:0:0/96/64",
            ["flow-label"] = "=42",
        });

        Assert.True(nlri.IsIPv6);
        Assert.Equal(64, nlri.Components[1].Prefix!.Offset);
        Assert.Equal("=42", FlowSpecText.Format(nlri.Components[2]));
    }

    [Fact]
    public void Parse_VersionSixWithoutPrefix_IsAnIPv6Rule()
    {
        var nlri = FlowSpecMatch.Parse(new Dictionary<string, string> { ["version"] = "6", ["protocol"] = "=58" });

        Assert.True(nlri.IsIPv6);
    }

    [Theory]
    [InlineData("bogus", "=1", "unknown field")]
    [InlineData("protocol", "=256", "above 255")]
    [InlineData("protocol", "=frog", "not a number")]
    [InlineData("destination-port", "", "empty")]
    [InlineData("dscp", "=64", "above 63")]
    [InlineData("tcp-flags", "=SZ", "not one of the flags")]
    [InlineData("flow-label", "=1", "IPv6 only")]
    [InlineData("destination", "10.0.0.1/33", "prefix length")]
    [InlineData("version", "5", "neither 4 nor 6")]
    public void Parse_BadField_ThrowsFormatExceptionNamingIt(string key, string value, string reason)
    {
        var match = new Dictionary<string, string> { [key] = value };
        if (key == "flow-label")
        {
            match["version"] = "4";
        }

        var error = Assert.Throws<FormatException>(() => FlowSpecMatch.Parse(match));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason.Split(' ')[0], error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_IPv4VersionWithIPv6Destination_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => FlowSpecMatch.Parse(new Dictionary<string, string> { ["version"] = "4", ["destination"] = "2001:db8::1" }));
    }

    [Fact]
    public void Parse_DontFragmentInIPv6_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => FlowSpecMatch.Parse(new Dictionary<string, string> { ["version"] = "6", ["fragment"] = "=D" }));
    }
}
