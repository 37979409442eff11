using Sluice.Engine.Topology;
using Xunit;

namespace Sluice.Engine.Tests.Topology;

public sealed class TopologyDefinitionTests
{
    [Fact]
    public void Parse_MininetHelperJson_NodesPortsStringIfIndexesAndLinks()
    {
        var topology = TopologyDefinition.Parse(MininetTopology.Json);

        Assert.Equal(["s1", "s2", "s3"], topology.Nodes.Keys);
        Assert.All(topology.Nodes.Values, node => Assert.Equal(MininetTopology.Agent, node.Agent.ToString()));
        Assert.Equal(389u, topology.Nodes["s2"].Ports["s2-eth3"].IfIndex);
        Assert.Equal(new TopologyLink("s1-s3", "s1", "s1-eth2", "s3", "s3-eth3"), topology.Links["s1-s3"]);
        Assert.Equal(MininetTopology.Json, topology.Json);
        Assert.False(topology.IsEmpty);
    }

    [Fact]
    public void Parse_SpecExample_KeepsFieldsItDoesNotRead()
    {
        const string json = """
            {"nodes":{"leaf1":{"agent":"192.168.1.1","dpid":"0000000000000003","tags":{"role":"leaf"},
                               "ports":{"swp1":{"ifindex":3,"ofport":"1","tags":{}}}}},
             "links":{"link1":{"node1":"leaf1","port1":"swp1","node2":"spine1","port2":"swp1","tags":{}}},
             "version":7}
            """;

        var topology = TopologyDefinition.Parse(json);

        Assert.Equal(3u, topology.Nodes["leaf1"].Ports["swp1"].IfIndex);
        Assert.Equal("spine1", topology.Links["link1"].Node2);
        Assert.Contains("\"dpid\":\"0000000000000003\"", topology.Json, StringComparison.Ordinal);
        Assert.Contains("\"version\":7", topology.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinksOnlyWithoutAgentsOrIfIndexes_IsValid()
    {
        var topology = TopologyDefinition.Parse("""{"links":{"l":{"node1":"leaf1","port1":"swp1","node2":"spine1","port2":"swp3"}}}""");

        Assert.Empty(topology.Nodes);
        Assert.Single(topology.Links);
        Assert.True(TopologyDefinition.Parse("""{"nodes":{"s1":{}, "s2":null},"links":null}""").Nodes["s2"].Ports.Count == 0);
        Assert.True(TopologyDefinition.Parse("{}").IsEmpty);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "topology: expected a JSON object, got an array")]
    [InlineData("""{"nodes":[]}""", "nodes: expected an object, got an array")]
    [InlineData("""{"nodes":{"s1":"x"}}""", "nodes.s1: expected an object")]
    [InlineData("""{"nodes":{"s1":{"agent":"switch-one"}}}""", "nodes.s1.agent: expected an agent IP address, got \"switch-one\"")]
    [InlineData("""{"nodes":{"s1":{"agent":1}}}""", "nodes.s1.agent")]
    [InlineData("""{"nodes":{"s1":{"ports":{"p":{"ifindex":"abc"}}}}}""", "nodes.s1.ports.p.ifindex: expected an ifIndex")]
    [InlineData("""{"nodes":{"s1":{"ports":{"p":{"ifindex":-1}}}}}""", "nodes.s1.ports.p.ifindex")]
    [InlineData("""{"nodes":{"s1":{"ports":{"p":{"ifindex":1.5}}}}}""", "nodes.s1.ports.p.ifindex")]
    [InlineData("""{"nodes":{"s1":{"ports":[1]}}}""", "nodes.s1.ports: expected an object")]
    [InlineData("""{"links":{"l":{"node1":"a","port1":"p","node2":"b"}}}""", "links.l.port2: required")]
    [InlineData("""{"links":{"l":{"node1":"a","port1":"p","node2":"b","port2":7}}}""", "links.l.port2: required")]
    [InlineData("""{"links":{"l":{"node1":"a","port1":"p","node2":"a","port2":"p"}}}""", "links.l: both ends are port p of node a")]
    [InlineData("""{"nodes":{"":{}}}""", "nodes: a name may not be empty")]
    public void Parse_BadShape_ThrowsNamingTheField(string json, string message)
    {
        var error = Assert.Throws<TopologyFormatException>(() => TopologyDefinition.Parse(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoPortsOnOneInterface_ThrowsNamingBoth()
    {
        const string json = """{"nodes":{"s1":{"agent":"10.0.0.1","ports":{"a":{"ifindex":"5"}}},"s2":{"agent":"10.0.0.1","ports":{"b":{"ifindex":5}}}}}""";

        var error = Assert.Throws<TopologyFormatException>(() => TopologyDefinition.Parse(json));

        Assert.Equal("nodes.s2.ports.b.ifindex: agent 10.0.0.1 ifIndex 5 is already nodes.s1.ports.a", error.Message);
    }
}
