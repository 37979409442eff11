using System.Diagnostics;
using Sluice.Engine.Flows;
using Sluice.Testing;
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
    [InlineData("ipsource=10.0.0.0/8", true)]
    [InlineData("ipsource=10.1.0.0/16", false)]
    [InlineData("ipsource=11.0.0.0/8,10.0.0.0/30", true)]
    [InlineData("ipsource=11.0.0.0/8,10.0.0.1", true)]
    [InlineData("ipsource!=10.0.0.0/8", false)]
    [InlineData("ipsource!=172.16.0.0/12,192.168.0.0/16", true)]
    [InlineData("ipdestination=192.168.1.77/24", true)] // host bits of the literal are ignored
    [InlineData("ipsource=10.0.0.1/32", true)]
    [InlineData("ipsource=0.0.0.0/0", true)]
    [InlineData("ipsource=::/0", false)] // another family
    [InlineData("ipsource=10.0.0.0/33", false)] // not a CIDR: compared as text
    [InlineData("'ipsource'='10.0.0.0/8'", true)]
    [InlineData("or:ipsource:ip6source=10.0.0.0/8", true)]
    [InlineData("ip6source=::/0", false)] // missing in an IPv4 packet
    [InlineData("ip6source!=2001:db8::/32", true)]
    [InlineData("ipprotocol=6&ipsource=10.0.0.0/24", true)]
    public void Parse_CidrFilter_MatchesTcpPacket(string filter, bool expected)
    {
        Assert.Equal(expected, FlowFilterParser.Parse(filter).Matches(FlowSamples.Tcp()));
    }

    [Theory]
    [InlineData("ip6source=2001:db8::/32", true)]
    [InlineData("ip6source=2001:db8:1::/48", true)]
    [InlineData("ip6source=2001:db8:2::/48", false)]
    [InlineData("ip6source!=2001:db8::/32", false)]
    [InlineData("ip6destination=2001:db8:2::/64,fe80::/10", true)]
    [InlineData("ip6source=2001:db8:1::5", true)]
    [InlineData("ip6source=10.0.0.0/8", false)]
    public void Parse_CidrFilter_MatchesIPv6Packet(string filter, bool expected)
    {
        Assert.Equal(expected, FlowFilterParser.Parse(filter).Matches(Ipv6Sample()));
    }

    [Fact]
    public void Matches_CidrFilter_AllocatesNothing()
    {
        var filter = FlowFilterParser.Parse("ipsource=172.16.0.0/12,10.0.0.0/8&ipdestination!=10.0.0.0/8&ip6source!=2001:db8::/32");
        var samples = new[] { FlowSamples.Tcp(), FlowSamples.Tcp(source: "172.20.1.1"), FlowSamples.Tcp(source: "192.0.2.1"), Ipv6Sample() };
        var matched = 0;
        void Match(int i) => matched += filter.Matches(samples[i % samples.Length]) ? 1 : 0;

        for (var i = 0; i < 1_000; i++)
        {
            Match(i);
        }

        SteadyState.AssertAllocatesNothing(10_000, Match);
        Assert.Equal((1_000 * 2 / 4) + (3 * 10_000 * 2 / 4), matched);
    }

    /// <summary>Ethernet/IPv6 from 2001:db8:1::5 to 2001:db8:2::9, no next header.</summary>
    private static FlowSampleContext Ipv6Sample()
    {
        var packet = new byte[14 + 40];
        packet[12] = 0x86;
        packet[13] = 0xDD;
        packet[14] = 0x60;
        packet[20] = 59;
        packet[21] = 64;
        System.Net.IPAddress.Parse("2001:db8:1::5").GetAddressBytes().CopyTo(packet, 22);
        System.Net.IPAddress.Parse("2001:db8:2::9").GetAddressBytes().CopyTo(packet, 38);
        return FlowSamples.FromHeader(packet, 58);
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
