using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowKeysTests
{
    private static string? Key(FlowSampleContext context, string key) => FlowKeyParser.Parse(key).Evaluate(context);

    [Fact]
    public void HandBuiltTcp_EveryLayerKey_FormatsAsSflowRt()
    {
        var c = FlowSamples.Tcp();
        Assert.Equal("10.0.0.1", Key(c, "ipsource"));
        Assert.Equal("192.168.1.2", Key(c, "ipdestination"));
        Assert.Equal("525400123456", Key(c, "macsource"));
        Assert.Equal("001122AABBCC", Key(c, "macdestination"));
        Assert.Equal("2048", Key(c, "ethernetprotocol"));
        Assert.Equal("6", Key(c, "ipprotocol"));
        Assert.Equal("185", Key(c, "iptos"));
        Assert.Equal("46", Key(c, "ipdscp"));
        Assert.Equal("ef", Key(c, "ipdscpname"));
        Assert.Equal("01", Key(c, "ipecn"));
        Assert.Equal("010", Key(c, "ipflags"));
        Assert.Equal("0", Key(c, "ipfragoffset"));
        Assert.Equal("1500", Key(c, "ipbytes"));
        Assert.Equal("40000", Key(c, "tcpsourceport"));
        Assert.Equal("443", Key(c, "tcpdestinationport"));
        Assert.Equal("000010010", Key(c, "tcpflags"));
        Assert.Equal("true", Key(c, "isunicast"));
        Assert.Equal("false", Key(c, "isbroadcast"));
        Assert.Equal("false", Key(c, "ismulticast"));
        Assert.Equal("eth.ip.tcp", Key(c, "stack"));
        Assert.Equal("1514", Key(c, "bytes"));
        Assert.Equal("4", Key(c, "stripped"));
        Assert.Equal("14", Key(c, "ip_offset"));
        Assert.Equal("10.0.0.254", Key(c, "agent"));
        Assert.Equal("3", Key(c, "inputifindex"));
        Assert.Equal("7", Key(c, "outputifindex"));
        Assert.Equal("ingress", Key(c, "direction"));
        Assert.Null(Key(c, "udpsourceport"));
        Assert.Null(Key(c, "ip6source"));
        Assert.Null(Key(c, "ipsource.1"));
        Assert.Null(Key(c, "vxlanvni"));
        Assert.Null(Key(c, "reason"));
        Assert.Null(Key(c, "bgpas"));
    }

    [Fact]
    public void Get_UnknownKey_ThrowsWithName()
    {
        var e = Assert.Throws<FlowSyntaxException>(() => FlowKeyParser.Parse("ipsorce"));
        Assert.Equal("ipsorce", e.Token);
        Assert.Equal(0, e.Position);
    }

    [Fact]
    public void AllCaptures_EveryKey_EvaluatesWithoutError()
    {
        var buffer = new char[FlowKey.MaxLength];
        var seen = new HashSet<string>();
        foreach (var capture in FlowSamples.AllCaptures())
        {
            foreach (var context in FlowSamples.Load(capture))
            {
                foreach (var name in FlowKeys.Names)
                {
                    FlowKeys.TryGet(name, out var field);
                    var length = field.Write(context, buffer);
                    if (length >= 0)
                    {
                        seen.Add(name);
                        Assert.True(length > 0 || name is "dnsqname" or "bgpcommunities" or "bgpdestinationaspath", name);
                    }
                }
            }
        }

        foreach (var expected in new[] { "ipsource", "ip6source", "macsource", "tcpflags", "udpsourceport", "icmptype", "icmp6type",
            "ipsource.1", "macsource.1", "vxlanvni", "vni", "vlan", "inputifindex", "stack", "vlansource", "dnsqname", "dnsqr", "dnsqtypename" })
        {
            Assert.True(seen.Contains(expected), expected);
        }
    }

    [Fact]
    public void OvsEncap_VxlanSample_HasInnerLayerKeys()
    {
        var sample = FlowSamples.Load(FlowSamples.Capture("ovs-encap.pcap")).First(s => Key(s, "vxlanvni") is not null);
        Assert.Contains("vxlan", Key(sample, "stack"), StringComparison.Ordinal);
        Assert.NotNull(Key(sample, "macsource.1"));
        Assert.Equal(Key(sample, "vxlanvni"), Key(sample, "vni"));
        Assert.Matches("^[0-9A-F]{12}$", Key(sample, "macsource.1")!);
    }

    [Fact]
    public void Captures_Addresses_MatchSystemNetFormatting()
    {
        foreach (var capture in FlowSamples.AllCaptures())
        {
            foreach (var context in FlowSamples.Load(capture))
            {
                foreach (var name in new[] { "ipsource", "ip6source", "ip6destination", "ipsource.1", "ip6source.1" })
                {
                    var text = Key(context, name);
                    if (text is not null)
                    {
                        Assert.Equal(System.Net.IPAddress.Parse(text).ToString(), text);
                    }
                }
            }
        }
    }

    [Fact]
    public void DiscardCapture_Reason_IsNamed()
    {
        var drops = FlowSamples.Load(FlowSamples.Shared("akvorado-data-discard-interface.pcap")).Where(s => s.Dropped || Key(s, "outputifindex") == "discard").ToList();
        Assert.NotEmpty(drops);
        Assert.All(drops, d => Assert.Equal("discard", Key(d, "outputifindex")));
    }
}
