using Sluice.Engine.Export.Ipfix;
using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Export.Ipfix;

public sealed class IpfixTemplateTests
{
    [Fact]
    public void Create_EveryAllowedKey_MapsToIanaElements()
    {
        var keys = string.Join(',', IpfixTemplate.KeyNames.Order(StringComparer.Ordinal));
        var template = IpfixTemplate.Create(256, new FlowDefinition { Keys = keys, Value = "frames", Values = "bytes" }.Compile());

        var byKey = IpfixTemplate.KeyNames.Order(StringComparer.Ordinal).Zip(template.Fields).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(17, byKey.Count);
        Assert.Equal(new IpfixField(56, 6), byKey["macsource"]);
        Assert.Equal(new IpfixField(80, 6), byKey["macdestination"]);
        Assert.Equal(new IpfixField(256, 2), byKey["ethernetprotocol"]);
        Assert.Equal(new IpfixField(58, 2), byKey["vlan"]);
        Assert.Equal(new IpfixField(244, 1), byKey["priority"]);
        Assert.Equal(new IpfixField(4, 1), byKey["ipprotocol"]);
        Assert.Equal(new IpfixField(8, 4), byKey["ipsource"]);
        Assert.Equal(new IpfixField(12, 4), byKey["ipdestination"]);
        Assert.Equal(new IpfixField(27, 16), byKey["ip6source"]);
        Assert.Equal(new IpfixField(28, 16), byKey["ip6destination"]);
        Assert.Equal(new IpfixField(4, 1), byKey["ip6nexthdr"]);
        Assert.Equal(new IpfixField(7, 2), byKey["tcpsourceport"]);
        Assert.Equal(new IpfixField(11, 2), byKey["tcpdestinationport"]);
        Assert.Equal(new IpfixField(7, 2), byKey["udpsourceport"]);
        Assert.Equal(new IpfixField(11, 2), byKey["udpdestinationport"]);
        Assert.Equal(new IpfixField(10, 4), byKey["inputifindex"]);
        Assert.Equal(new IpfixField(14, 4), byKey["outputifindex"]);
        Assert.Equal([1, 2, 152, 153], template.Fields.Skip(17).Select(f => (int)f.ElementId));
        Assert.True(template.Fits(1400));
    }

    [Theory]
    [InlineData("ipsource,tcpflags", "tcpflags", 9)]
    [InlineData("ipsource, country:ipsource", "country:ipsource", 10)]
    [InlineData("ipsource.1", "ipsource.1", 0)]
    public void Create_KeyOutsideTheList_ThrowsNamingTheKey(string keys, string token, int position)
    {
        var flow = new FlowDefinition { Keys = keys, Value = "bytes" }.Compile();

        var error = Assert.Throws<FlowSyntaxException>(() => IpfixTemplate.Create(256, flow));

        Assert.Equal(token, error.Token);
        Assert.Equal(position, error.Position);
        Assert.StartsWith("keys:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requests", null, "requests")]
    [InlineData("bytes", "frames,ipbytes", "ipbytes")]
    public void Create_ValueOtherThanBytesOrFrames_ThrowsNamingIt(string value, string? values, string token)
    {
        var flow = new FlowDefinition { Keys = "ipsource", Value = value, Values = values }.Compile();

        Assert.Equal(token, Assert.Throws<FlowSyntaxException>(() => IpfixTemplate.Create(256, flow)).Token);
    }

    [Fact]
    public void EncodeKey_MissingAndWideValues_WritesZeroOrTheLowBytes()
    {
        var flow = new FlowDefinition { Keys = "vlan,ip6source,tcpsourceport", Value = "bytes" }.Compile();
        var template = IpfixTemplate.Create(256, flow);

        // An untagged IPv4 packet: no VLAN, no IPv6 source.
        var encoded = template.EncodeKey(flow, Flows.FlowSamples.Tcp(sourcePort: 0xBEEF));

        Assert.Equal(2 + 16 + 2, encoded.Length);
        Assert.All(encoded[..18], b => Assert.Equal(0, b));
        Assert.Equal([0xBE, 0xEF], encoded[18..]);
    }
}
