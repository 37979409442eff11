using System.Text.Json.Nodes;
using Sluice.Engine.Tests.Support;
using Sluice.Engine.Tests.Topology;
using Sluice.Scripting.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.TwoSwitchFabric;

namespace Sluice.Scripting.Tests.Api;

/// <summary>
/// The topology functions of sflow-rt-api.md §6.3, called from a script: the Mininet helper's topology for the
/// structure, and the engine tests' two-switch fabric with traffic for host locations and link metrics.
/// </summary>
public sealed class TopologyFunctionsTests
{
    [Fact]
    public async Task MininetTopology_EveryStructureFunction_AnswersLikeSflowRt()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("""
            var installed = setTopology(TOPOLOGY);
            return {
              installed: installed,
              version: topologyVersion(),
              topology: getTopology(),
              nodes: topologyNodeNames(), resolvedNodes: topologyNodeNames(true),
              links: topologyLinkNames(), resolvedLinks: topologyLinkNames(true),
              link: topologyLink('s1-s2'), noLink: topologyLink('s9-s9'),
              s1Links: topologyNodeLinks('s1'), s2Links: topologyNodeLinks('s2'), noNodeLinks: topologyNodeLinks('s9'),
              agent: topologyAgentForNode('s3'), noAgent: topologyAgentForNode('s9'),
              agentNodes: topologyNodesForAgent('10.0.0.30'), dsNode: topologyNodesForAgent('10.0.0.30', '392'),
              ifIndexNode: topologyNodesForAgent('10.0.0.30', 398), otherAgentNodes: topologyNodesForAgent('10.9.9.9'),
              linkPort: topologyInterfaceToPort('10.0.0.30', 389), edgePort: topologyInterfaceToPort('10.0.0.30', '394'),
              noPort: topologyInterfaceToPort('10.0.0.30', 1),
              linkView: topologyInterfaceToLink('10.0.0.30', '388'), edgeLink: topologyInterfaceToLink('10.0.0.30', 394),
              diameter: topologyDiameter(),
              macs: topologyLocatedHostMacs(), located: topologyLocateHostMac('00:00:00:00:00:01')
            };
            """, MininetTopology.Json));

        var state = JsonNode.Parse((await host.RequestAsync("t", "main.js", "json")).Body!)!;

        Assert.True(state["installed"]!.GetValue<bool>());
        Assert.Equal(host.Engine.Topology.Version, state["version"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(MininetTopology.Json), state["topology"]));
        Assert.Equal("""["s1","s2","s3"]""", Field(state, "nodes"));
        Assert.Equal("""["s1","s2","s3"]""", Field(state, "resolvedNodes"));
        Assert.Equal("""["s1-s2","s1-s3"]""", Field(state, "links"));
        Assert.Equal("""["s1-s2","s1-s3"]""", Field(state, "resolvedLinks"));
        Assert.Equal("""{"node1":"s1","port1":"s1-eth1","node2":"s2","port2":"s2-eth3"}""", Field(state, "link"));
        Assert.Equal("null", Field(state, "noLink"));
        Assert.Equal("""["s1-s2","s1-s3"]""", Field(state, "s1Links"));
        Assert.Equal("""["s1-s2"]""", Field(state, "s2Links"));
        Assert.Equal("[]", Field(state, "noNodeLinks"));
        Assert.Equal("\"10.0.0.30\"", Field(state, "agent"));
        Assert.Equal("null", Field(state, "noAgent"));
        Assert.Equal("""["s1","s2","s3"]""", Field(state, "agentNodes"));
        Assert.Equal("""["s2"]""", Field(state, "dsNode"));
        Assert.Equal("""["s3"]""", Field(state, "ifIndexNode"));
        Assert.Equal("[]", Field(state, "otherAgentNodes"));
        Assert.Equal("""{"node":"s2","port":"s2-eth3","agent":"10.0.0.30","ifindex":389,"link":"s1-s2"}""", Field(state, "linkPort"));
        Assert.Equal("""{"node":"s2","port":"s2-eth2","agent":"10.0.0.30","ifindex":394}""", Field(state, "edgePort"));
        Assert.Equal("null", Field(state, "noPort"));
        Assert.Equal(
            """{"linkname":"s1-s2","localnode":"s1","localport":"s1-eth1","remotenode":"s2","remoteport":"s2-eth3","remoteagent":"10.0.0.30","remoteifindex":389}""",
            Field(state, "linkView"));
        Assert.Equal("null", Field(state, "edgeLink"));
        Assert.Equal(2, state["diameter"]!.GetValue<int>()); // s2 - s1 - s3
        Assert.Equal("[]", Field(state, "macs"));
        Assert.Equal("[]", Field(state, "located"));
    }

    [Fact]
    public async Task SetTopology_NotATopology_FalseAndEmptyObjectRemovesIt()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("""
            var before = [topologyVersion(), getTopology(), topologyDiameter()];
            var rejected = [setTopology('nonsense'), setTopology({links: {l1: {node1: 's1'}}}), setTopology(), topologyVersion()];
            setTopology(TOPOLOGY);
            var installed = [topologyVersion(), topologyNodeNames().length];
            var removed = [setTopology({}), getTopology(), topologyNodeNames(), topologyLinkNames(), topologyDiameter()];
            return {before: before, rejected: rejected, installed: installed, removed: removed, removedVersion: topologyVersion()};
            """, MininetTopology.Json));

        var state = JsonNode.Parse((await host.RequestAsync("t", "main.js", "json")).Body!)!;

        Assert.Equal("[null,{},0]", Field(state, "before"));
        Assert.Equal("[false,false,false,null]", Field(state, "rejected"));
        var installedVersion = state["installed"]![0]!.GetValue<long>();
        Assert.Equal(3, state["installed"]![1]!.GetValue<int>());
        Assert.Equal("[true,{},[],[],0]", Field(state, "removed"));
        Assert.True(state["removedVersion"]!.GetValue<long>() > installedVersion, "every update changes the version");
        Assert.False(host.Engine.Topology.Current.IsInstalled);
    }

    [Fact]
    public async Task TwoSwitchFabric_AfterTraffic_HostsLocatedAtEdgePortAndLinkMetricsPerEnd()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = $$"""
                var TOPOLOGY = {{Json}};
                setHttpHandler(function(req) {
                  if (req.path[0] == 'set') return setTopology(TOPOLOGY);
                  var badMetric = null;
                  try { topologyLinkMetric('s1-s2', 'bogus:ifspeed'); } catch (e) { badMetric = e.message; }
                  return {
                    macs: topologyLocatedHostMacs(), s1Macs: topologyLocatedHostMacs('192.0.2.1'),
                    portMacs: topologyLocatedHostMacs('192.0.2.1', 1), portTextMacs: topologyLocatedHostMacs('192.0.2.1', '1'),
                    otherPortMacs: topologyLocatedHostMacs('192.0.2.1', 2), s2Macs: topologyLocatedHostMacs('192.0.2.2'),
                    badIfIndexMacs: topologyLocatedHostMacs('192.0.2.1', 'x'),
                    h1: topologyLocateHostMac('00:00:00:00:00:a1'), h3: topologyLocateHostMac('0000000000A3'),
                    byIp: topologyLocateHostIP('10.0.0.1'), receiverIp: topologyLocateHostIP('10.0.0.3'),
                    byIp6: topologyLocateHostIP6('2001:db8::1'),
                    linkFromS2: topologyInterfaceToLink('192.0.2.2', 10),
                    speeds: topologyLinkMetric('s1-s2', ['ifspeed']),
                    twoMetrics: topologyLinkMetric('s1-s2', 'ifspeed,ifinoctets'),
                    noLinkMetrics: topologyLinkMetric('s9-s9', 'ifspeed'),
                    badMetric: badMetric
                  };
                });
                """,
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal("true", (await host.RequestAsync("t", "main.js", "set/json")).Body);
        foreach (var datagram in Datagrams())
        {
            Assert.True(host.Engine.Ingest.Submit(datagram, EngineDatagrams.Address("127.0.0.1"), now));
        }

        Assert.True(host.Engine.Ingest.Submit(Speed(S1, 10_000_000_000), EngineDatagrams.Address("127.0.0.1"), now));
        Assert.True(host.Engine.Ingest.Submit(Speed(S2, 40_000_000_000), EngineDatagrams.Address("127.0.0.1"), now));
        await host.Engine.DrainAsync(TimeSpan.FromSeconds(10));
        var state = JsonNode.Parse((await host.RequestAsync("t", "main.js", "query/json")).Body!)!;

        Assert.Equal($"""["{H1Mac}"]""", Field(state, "macs"));
        Assert.Equal($"""["{H1Mac}"]""", Field(state, "s1Macs"));
        Assert.Equal($"""["{H1Mac}"]""", Field(state, "portMacs"));
        Assert.Equal($"""["{H1Mac}"]""", Field(state, "portTextMacs"));
        Assert.Equal("[]", Field(state, "otherPortMacs"));
        Assert.Equal("[]", Field(state, "s2Macs")); // h1's frames reach s2 only over the link
        Assert.Equal("[]", Field(state, "badIfIndexMacs"));
        var h1 = Assert.Single(state["h1"]!.AsArray())!;
        Assert.Equal((H1Mac, S1, 1, "s1", "swp1", "10.0.0.1"), (Text(h1, "mac"), Text(h1, "agent"), h1["ifindex"]!.GetValue<int>(), Text(h1, "node"), Text(h1, "port"), Text(h1, "ipaddress")));
        Assert.Null(h1["vlan"]);
        Assert.Null(h1["ip6address"]);
        Assert.InRange(h1["lastSeen"]!.GetValue<long>(), now, now + 60_000);
        Assert.Equal("[]", Field(state, "h3")); // h3 only ever received
        Assert.True(JsonNode.DeepEquals(state["h1"], state["byIp"]));
        Assert.Equal("[]", Field(state, "receiverIp"));
        Assert.Equal("[]", Field(state, "byIp6"));
        Assert.Equal(
            """{"linkname":"s1-s2","localnode":"s2","localport":"swp10","remotenode":"s1","remoteport":"swp10","remoteagent":"192.0.2.1","remoteifindex":10}""",
            Field(state, "linkFromS2"));
        var speeds = state["speeds"]!.AsArray();
        Assert.Equal(
            [("ifspeed", S1, "10", 10_000_000_000d), ("ifspeed", S2, "10", 40_000_000_000d)],
            speeds.Select(m => (Text(m!, "metricName"), Text(m!, "agent"), Text(m!, "dataSource"), m!["metricValue"]!.GetValue<double>())));
        Assert.Equal(
            ["ifspeed", "ifinoctets", "ifspeed", "ifinoctets"],
            state["twoMetrics"]!.AsArray().Select(m => Text(m!, "metricName")));
        Assert.Equal("[]", Field(state, "noLinkMetrics"));
        Assert.StartsWith("topologyLinkMetric: Unknown aggregation 'bogus'", Text(state, "badMetric"), StringComparison.Ordinal);
    }

    /// <summary>An HTTP handler running <paramref name="body"/>, with <paramref name="topology"/> as <c>TOPOLOGY</c>.</summary>
    private static Dictionary<string, string> Handler(string body, string topology) =>
        new() { ["app/t/scripts/main.js"] = $"var TOPOLOGY = {topology};\nsetHttpHandler(function(req) {{\n{body}\n}});\n" };

    /// <summary>A counters sample of ifIndex 10 (both switches' end of the link) at <paramref name="speed"/> bits/s.</summary>
    private static byte[] Speed(string agent, ulong speed) =>
        CounterDatagrams.Sample(EngineDatagrams.Address(agent), 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10, Speed = speed }));

    private static string Field(JsonNode state, string name) => state[name]?.ToJsonString() ?? "null";

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
