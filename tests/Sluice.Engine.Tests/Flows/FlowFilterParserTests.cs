using System.Diagnostics;
using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowFilterParserTests
{
    [Theory]
    [InlineData("ipprotocol=6", true)]
    [InlineData("ipprotocol=17", false)]
    [InlineData("ipprotocol=6,17", true)]
    [InlineData("ipprotocol!=6", false)]
    [InlineData("ipprotocol!=1,17", true)]
    [InlineData("ipprotocol!=1,6", false)]
    [InlineData("tcpflags~.......1.", true)]
    [InlineData("tcpflags~........1", false)]
    [InlineData("tcpflags!~........1", true)]
    [InlineData("ipsource~10\\..*", true)]
    [InlineData("ipsource~10,192.*", false)]
    [InlineData("ipsource~11.*,10.*", true)]
    [InlineData("vxlanvni=null", true)]
    [InlineData("vxlanvni!=null", false)]
    [InlineData("ipprotocol!=null", true)]
    [InlineData("udpsourceport=53", false)]
    [InlineData("udpsourceport!=53", true)]
    [InlineData("ipprotocol=6&tcpdestinationport=443", true)]
    [InlineData("ipprotocol=17|tcpdestinationport=443", true)]
    [InlineData("ipprotocol=17|tcpdestinationport=80&ipprotocol=6", false)]
    [InlineData("(ipprotocol=17|tcpdestinationport=443)&ipprotocol=6", true)]
    [InlineData("(ipflags=010|range:ipfragoffset:1=true)&ipprotocol=6", true)]
    [InlineData("'ipsource'='10.0.0.1'", true)]
    [InlineData("\"macdestination\"=\"001122AABBCC\"", true)]
    [InlineData("ipsource = 10.0.0.1 & ipprotocol = 6", true)]
    [InlineData("direction=ingress", true)]
    [InlineData("isunicast=true", true)]
    [InlineData("null:udpsourceport:x=x", true)]
    [InlineData("group:ipsource:none=null", true)]
    [InlineData("ipsource~(10|11)\\.0\\.0\\.1", true)]
    [InlineData("ipdestination~192\\.168\\.1\\.[0-9]{1,3}", true)]
    public void Parse_Filter_MatchesTcpPacket(string filter, bool expected)
    {
        Assert.Equal(expected, FlowFilterParser.Parse(filter).Matches(FlowSamples.Tcp()));
    }

    [Theory]
    [InlineData("ipprotocol", 10, "")]
    [InlineData("ipprotocol<6", 0, "ipprotocol<6")]
    [InlineData("ipsorce=1", 0, "ipsorce")]
    [InlineData("(ipprotocol=6", 0, "(ipprotocol=6")]
    [InlineData("ipprotocol=6)", 12, ")")]
    [InlineData("ipprotocol=6&", 13, "")]
    [InlineData("ipsource~(a", 9, "(a")]
    [InlineData("'ipsource=1", 0, "'ipsource=1")]
    [InlineData("ipprotocol=6&group:ipsorce:x=a", 19, "ipsorce")]
    public void Parse_BadFilter_ReportsPositionAndToken(string filter, int position, string token)
    {
        var e = Assert.Throws<FlowSyntaxException>(() => FlowFilterParser.Parse(filter));
        Assert.Equal(position, e.Position);
        Assert.Equal(token, e.Token);
    }

    [Fact]
    public void Matches_CatastrophicRegexOnLongValue_ReturnsPromptly()
    {
        var maps = new FlowMaps();
        maps.SetMap("m", new Dictionary<string, string> { ["10.0.0.1"] = new string('a', 400) + "!" });
        var filter = FlowFilterParser.Parse("map:ipsource:m~(a+)+$", new FlowLanguageServices { Maps = maps });
        var plain = FlowFilterParser.Parse("ipsource~(a+)+$");
        var context = FlowSamples.Tcp();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            Assert.False(filter.Matches(context));
            Assert.False(plain.Matches(context));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }

    [Fact]
    public void Matches_CaptureSamples_AgreeWithKeyValues()
    {
        var filter = FlowFilterParser.Parse("ipprotocol=17&udpdestinationport!=null");
        var key = FlowKeyParser.Parse("udpdestinationport");
        var protocol = FlowKeyParser.Parse("ipprotocol");
        var any = false;
        foreach (var sample in FlowSamples.Load(FlowSamples.Capture("hsflowd.pcap")))
        {
            var expected = protocol.Evaluate(sample) == "17" && key.Evaluate(sample) is not null;
            Assert.Equal(expected, filter.Matches(sample));
            any |= expected;
        }

        Assert.True(any);
    }
}
