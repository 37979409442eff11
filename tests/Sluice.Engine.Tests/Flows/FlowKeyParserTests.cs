using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowKeyParserTests
{
    private sealed class Enrichment : IAddressEnrichment, IOuiNames
    {
        public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
        {
            country = address[0] == 10 ? "US" : "DE";
            return true;
        }

        public bool TryGetAsn(ReadOnlySpan<byte> address, out uint asn)
        {
            asn = 64500;
            return true;
        }

        public bool TryGetAsnName(ReadOnlySpan<byte> address, out string name)
        {
            name = "EXAMPLE";
            return true;
        }

        public bool TryGetName(ReadOnlySpan<byte> mac, out string name)
        {
            name = mac[0] == 0x52 ? "QEMU" : "Other";
            return true;
        }
    }

    private sealed class OneLink : Sluice.Engine.Topology.ITopologyLinks
    {
        public bool TryGetLinkName(in Sflow.Xdr.SflowAddress agent, uint ifIndex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? link)
        {
            link = agent.ToString() == "10.0.0.254" && ifIndex == 3 ? "leaf1-spine1" : null;
            return link is not null;
        }
    }

    private static FlowLanguageServices Services()
    {
        var groups = new FlowGroups();
        groups.SetGroups("site", new Dictionary<string, IReadOnlyList<string>>
        {
            ["lan"] = ["10.0.0.0/8"],
            ["server"] = ["10.0.0.1/32"],
            ["v6"] = ["2001:db8::/32"],
        });
        var maps = new FlowMaps();
        maps.SetMap("names", new Dictionary<string, string> { ["192.168.1.2"] = "web" });
        var enrichment = new Enrichment();
        return new FlowLanguageServices { Groups = groups, Maps = maps, Addresses = enrichment, Oui = enrichment };
    }

    [Theory]
    [InlineData("group:ipsource:site", "server")]
    [InlineData("group:ipdestination:site", null)]
    [InlineData("country:ipsource", "US")]
    [InlineData("asn:ipsource", "64500")]
    [InlineData("asn:ipsource:name", "EXAMPLE")]
    [InlineData("map:ipdestination:names", "web")]
    [InlineData("map:ipsource:names", null)]
    [InlineData("null:udpsourceport", "null")]
    [InlineData("null:udpsourceport:none", "none")]
    [InlineData("null:tcpsourceport:none", "40000")]
    [InlineData("or:udpsourceport:tcpsourceport", "40000")]
    [InlineData("or:udpsourceport:icmptype", null)]
    [InlineData("first:stack:.:ip:ip6", "ip")]
    [InlineData("prefix:stack:.:2", "eth.ip")]
    [InlineData("suffix:stack:.:1", "tcp")]
    [InlineData("suffix:stack:.:2", "ip.tcp")]
    [InlineData("range:bytes:1519", "false")]
    [InlineData("range:bytes:1000:1514", "true")]
    [InlineData("eq:ipsource:ipsource", "true")]
    [InlineData("eq:ipsource:ipdestination", "false")]
    [InlineData("if:[first:stack:.:ip:ip6]:ip:[country:ipsource]:[country:ip6source]", "US")]
    [InlineData("if:ipprotocol:17:udp:other", "other")]
    [InlineData("concat:-:ipsource:tcpdestinationport", "10.0.0.1-443")]
    [InlineData(@"concat:\::ipsource:tcpdestinationport", "10.0.0.1:443")]
    [InlineData("oui:macsource:name", "QEMU")]
    [InlineData("mask:ipdestination:16", "192.168.0.0")]
    [InlineData("mask:ipsource:0", "0.0.0.0")]
    [InlineData("group:[mask:ipsource:24]:site", "lan")]
    [InlineData("null:[country:ip6source]:unknown", "unknown")]
    public void Parse_KeyFunction_EvaluatesOnTcpPacket(string key, string? expected)
    {
        Assert.Equal(expected, FlowKeyParser.Parse(key, Services()).Evaluate(FlowSamples.Tcp()));
    }

    [Theory]
    [InlineData("link:inputifindex", "leaf1-spine1")]
    [InlineData("link:outputifindex", null)]
    [InlineData("null:[link:outputifindex]:edge", "edge")]
    [InlineData("link:ipsource", null)]
    public void Parse_LinkKey_NamesTheLinkOfTheSamplesInterface(string key, string? expected)
    {
        // FlowSamples.Tcp is sampled at agent 10.0.0.254, in on ifIndex 3 (a link end here), out on 7 (an edge port).
        var services = new FlowLanguageServices { Links = new OneLink() };
        Assert.Equal(expected, FlowKeyParser.Parse(key, services).Evaluate(FlowSamples.Tcp()));
    }

    [Fact]
    public void Parse_LinkKeyWithoutTopology_IsMissing()
    {
        Assert.Null(FlowKeyParser.Parse("link:inputifindex").Evaluate(FlowSamples.Tcp()));
        Assert.Equal("null", FlowKeyParser.Parse("null:[link:inputifindex]").Evaluate(FlowSamples.Tcp()));
    }

    [Fact]
    public void Parse_LinkKeyWithTwoArguments_NamesTheFunction()
    {
        var error = Assert.Throws<FlowSyntaxException>(() => FlowKeyParser.Parse("link:inputifindex:x"));
        Assert.Equal("link", error.Token);
    }

    [Theory]
    [InlineData("http://localhost:8008/metrics/json?x=1#top", "path", "/metrics/json")]
    [InlineData("http://localhost:8008/metrics/json?x=1#top", "host", "localhost")]
    [InlineData("http://localhost:8008/metrics/json?x=1#top", "port", "8008")]
    [InlineData("http://localhost:8008/metrics/json?x=1#top", "query", "x=1")]
    [InlineData("http://localhost:8008/metrics/json?x=1#top", "extension", null)]
    [InlineData("https://h/a/b.html", "file", "b.html")]
    [InlineData("https://h/a/b.html", "scheme", "https")]
    public void Uri_Component_IsExtracted(string url, string component, string? expected)
    {
        var maps = new FlowMaps();
        maps.SetMap("u", new Dictionary<string, string> { ["10.0.0.1"] = url });
        var key = FlowKeyParser.Parse($"uri:[map:ipsource:u]:{component}", new FlowLanguageServices { Maps = maps });
        Assert.Equal(expected, key.Evaluate(FlowSamples.Tcp()));
    }

    [Fact]
    public void PrefixOfUri_AsInSflowRtDocs_GivesFirstPathPart()
    {
        var maps = new FlowMaps();
        maps.SetMap("u", new Dictionary<string, string> { ["10.0.0.1"] = "http://localhost:8008/metrics/json" });
        var key = FlowKeyParser.Parse("prefix:[uri:[map:ipsource:u]:path]:/:2", new FlowLanguageServices { Maps = maps });
        Assert.Equal("/metrics", key.Evaluate(FlowSamples.Tcp()));
    }

    [Theory]
    [InlineData("grup:ipsource:x", 0, "grup")]
    [InlineData("group:ipsorce:x", 6, "ipsorce")]
    [InlineData("null:[country:ipsorce]:x", 14, "ipsorce")]
    [InlineData("prefix:stack:.:x", 15, "x")]
    [InlineData("range:bytes:abc", 12, "abc")]
    [InlineData("eq:ipsource", 0, "eq")]
    [InlineData("null:[country:ipsource", 5, "[country:ipsource")]
    [InlineData("uri:ipsource:colour", 13, "colour")]
    [InlineData("ipsource:x", 0, "ipsource")]
    public void Parse_BadKey_ReportsPositionAndToken(string key, int position, string token)
    {
        var e = Assert.Throws<FlowSyntaxException>(() => FlowKeyParser.Parse(key));
        Assert.Equal(position, e.Position);
        Assert.Equal(token, e.Token);
    }

    [Fact]
    public void FlowGroups_LongestPrefix_WinsOverShorter()
    {
        var groups = new FlowGroups();
        groups.SetGroups("g", new Dictionary<string, IReadOnlyList<string>>
        {
            ["wide"] = ["10.0.0.0/8", "::/0"],
            ["narrow"] = ["10.1.0.0/16"],
        });
        Assert.True(groups.TryGetGroup("g", [10, 1, 2, 3], out var label));
        Assert.Equal("narrow", label);
        Assert.True(groups.TryGetGroup("g", [10, 2, 2, 3], out label));
        Assert.Equal("wide", label);
        Assert.False(groups.TryGetGroup("g", [11, 2, 2, 3], out _));
        Assert.True(groups.TryGetGroup("g", System.Net.IPAddress.IPv6Loopback.GetAddressBytes(), out label));
        Assert.Equal("wide", label);
    }
}
