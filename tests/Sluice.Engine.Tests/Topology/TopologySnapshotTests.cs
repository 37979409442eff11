using Sluice.Engine.Tests.Support;
using Sluice.Engine.Topology;
using Xunit;

namespace Sluice.Engine.Tests.Topology;

public sealed class TopologySnapshotTests
{
    private static readonly Sflow.Xdr.SflowAddress Mininet = EngineDatagrams.Address(MininetTopology.Agent);

    [Fact]
    public void Build_MininetTree_SharedAgentLinkEndsAndEdgePorts()
    {
        var snapshot = Build(MininetTopology.Json);

        Assert.Equal([Mininet], snapshot.Agents);
        Assert.Equal(["s1", "s2", "s3"], snapshot.NodesForAgent(Mininet));
        Assert.True(snapshot.IsLinkEnd(Mininet, 388));
        Assert.False(snapshot.IsLinkEnd(Mininet, 392)); // s2-eth1, a host port
        Assert.False(snapshot.IsLinkEnd(EngineDatagrams.Address("10.0.0.31"), 388));
        Assert.True(snapshot.TryGetLinkName(Mininet, 389, out var link));
        Assert.Equal("s1-s2", link);
        Assert.True(snapshot.TryGetInterface(Mininet, 394, out var port));
        Assert.Equal(new TopologyInterface("s2", "s2-eth2", MininetTopology.Agent, 394, null), port);
        Assert.Equal(["s1-s2", "s1-s3"], snapshot.NodeLinks("s1"));
        Assert.Equal(["s1-s3"], snapshot.NodeLinks("s3"));
        Assert.Equal(["s1-s2", "s1-s3"], snapshot.LinkNames(resolvedOnly: true));
        Assert.Equal(2, snapshot.Diameter);
        Assert.Equal(0, snapshot.Unresolved);
    }

    [Fact]
    public void InterfaceToLink_EitherEnd_SeesTheOtherAsRemote()
    {
        var snapshot = Build(MininetTopology.Json);

        Assert.Equal(new TopologyLinkView("s1-s2", "s2", "s2-eth3", "s1", "s1-eth1", MininetTopology.Agent, 388), snapshot.InterfaceToLink(Mininet, 389));
        Assert.Equal(new TopologyLinkView("s1-s2", "s1", "s1-eth1", "s2", "s2-eth3", MininetTopology.Agent, 389), snapshot.InterfaceToLink(Mininet, 388));
        Assert.Null(snapshot.InterfaceToLink(Mininet, 392));
        Assert.Null(snapshot.InterfaceToLink(Mininet, 9999));
    }

    [Fact]
    public void Build_LinkToAHostTheTopologyDoesNotMap_OnlyTheSwitchEndIsALinkEnd()
    {
        var snapshot = Build("""
            {"nodes":{"s1":{"agent":"10.0.0.30","ports":{"s1-eth1":{"ifindex":"5"}}}},
             "links":{"s1-h1":{"node1":"s1","port1":"s1-eth1","node2":"h1","port2":"h1-eth0"}}}
            """);

        Assert.True(snapshot.TryGetLinkName(Mininet, 5, out _));
        Assert.Equal(["s1", "h1"], snapshot.NodeNames());
        Assert.Equal(["s1"], snapshot.NodeNames(resolvedOnly: true));
        Assert.Empty(snapshot.LinkNames(resolvedOnly: true));
        Assert.Equal(2, snapshot.Unresolved); // h1's agent and its port
        Assert.Null(snapshot.AgentForNode("h1"));
        Assert.Equal(new TopologyInterface("h1", "h1-eth0", null, null, "s1-h1"), snapshot.LinkEnds("s1-h1")![1]);
        Assert.Equal(1, snapshot.Diameter);
    }

    [Fact]
    public void Diameter_LineOfFourSwitches_IsThree()
    {
        var snapshot = Build("""
            {"links":{"a-b":{"node1":"a","port1":"1","node2":"b","port2":"1"},
                      "b-c":{"node1":"b","port1":"2","node2":"c","port2":"1"},
                      "c-d":{"node1":"c","port1":"2","node2":"d","port2":"1"},
                      "b-c2":{"node1":"b","port1":"3","node2":"c","port2":"3"}}}
            """);

        Assert.Equal(3, snapshot.Diameter);
        Assert.Equal(0, TopologySnapshot.Empty.Diameter);
        Assert.False(TopologySnapshot.Empty.IsInstalled);
        Assert.False(TopologySnapshot.Empty.IsLinkEnd(Mininet, 1));
    }

    private static TopologySnapshot Build(string json) => TopologySnapshot.Build(TopologyDefinition.Parse(json), 1, TopologyNames.Empty);
}
