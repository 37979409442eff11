using Sluice.Engine.Flows;
using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.TwoSwitchFabric;

namespace Sluice.Engine.Tests.Topology;

/// <summary>
/// The acceptance: link metrics, <c>aggMode</c> and the <c>EDGE</c>/<c>CORE</c>/<c>TOPOLOGY</c> tokens on the
/// generated two-switch network of <see cref="TwoSwitchFabric"/>, queried at the instant the samples arrived so every
/// rate is exact.
/// </summary>
public sealed class TwoSwitchFabricTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task ActiveFlows_EachAggMode_CountsTheFabricsTrafficAsDocumented()
    {
        await using var engine = await FabricAsync(withTopology: true);

        // max: the busiest data source; sum: every sighting (A at four data sources, B at two).
        AssertFlows(engine.ActiveFlows("ALL", "pair", 10, 0, "max", Now), (FlowA, RateA), (FlowB, RateB));
        AssertFlows(engine.ActiveFlows("ALL", "pair", 10, 0, "sum", Now), (FlowA, 4 * RateA), (FlowB, 2 * RateB));

        // edge: each packet once, where it entered the fabric (s1 swp1); egress samples at s2 swp1 and s1 swp2 do not add.
        AssertFlows(engine.ActiveFlows("ALL", "pair", 10, 0, "edge", Now), (FlowA, RateA), (FlowB, RateB));
        AssertFlows(engine.ActiveFlows("TOPOLOGY", "pair", 10, 0, "edge", Now), (FlowA, RateA), (FlowB, RateB));
        var edgeRow = engine.ActiveFlows("ALL", "pair", 10, 0, "edge", Now)[0];
        Assert.Equal((S1, "1"), (edgeRow.Agent, edgeRow.DataSource));

        // core: only the link ends, the larger; B never crossed the link.
        var core = Assert.Single(engine.ActiveFlows("ALL", "pair", 10, 0, "core", Now));
        Assert.Equal(FlowA, core.Key);
        Assert.Equal(RateA, core.Value, 6);
        Assert.Equal("10", core.DataSource);
    }

    [Fact]
    public async Task ActiveFlows_DefinitionAggModeEdge_IsTheQueryDefault()
    {
        await using var engine = await FabricAsync(withTopology: true);

        AssertFlows(engine.ActiveFlows("TOPOLOGY", "edge-pair", 10, 0, nowUnixMs: Now), (FlowA, RateA), (FlowB, RateB));
        AssertFlows(engine.ActiveFlows("TOPOLOGY", "edge-pair", 10, 0, "sum", Now), (FlowA, 4 * RateA), (FlowB, 2 * RateB));
    }

    [Fact]
    public async Task AgentTokens_EdgeAndCore_SelectDataSourcesByTheirPlaceInTheTopology()
    {
        await using var engine = await FabricAsync(withTopology: true);

        // EDGE: s1 swp1, s1 swp2 and s2 swp1, all their samples; CORE: the two swp10 ports.
        AssertFlows(engine.ActiveFlows("EDGE", "pair", 10, 0, "sum", Now), (FlowA, 2 * RateA), (FlowB, 2 * RateB));
        AssertFlows(engine.ActiveFlows("CORE", "pair", 10, 0, "sum", Now), (FlowA, 2 * RateA));
        AssertFlows(engine.ActiveFlows("CORE;EDGE", "pair", 10, 0, "sum", Now), (FlowA, 4 * RateA), (FlowB, 2 * RateB));
        AssertFlows(engine.ActiveFlows($"{S2}", "pair", 10, 0, "sum", Now), (FlowA, 2 * RateA));
        Assert.Equal([S1, S2], engine.SelectAgents("TOPOLOGY").Select(a => a.Name).Order());
        Assert.Equal(["1", "2"], engine.Select("EDGE").Agents.Single(a => a.Name == S1).DataSources
            .Where(engine.Select("EDGE").Includes).Select(d => d.Name).Order());
    }

    [Fact]
    public async Task FlowMetrics_EdgeAndCoreSelections_AggregateTheirDataSourceTotals()
    {
        await using var engine = await FabricAsync(withTopology: true);
        var edge = engine.Select("EDGE");
        var core = engine.Select("CORE");

        var edgeSum = Assert.Single(MetricQuery.Statistics(edge.Metrics, ["sum:pair"], null, Now, engine.FlowMetrics.For(edge)));
        var coreSum = Assert.Single(MetricQuery.Statistics(core.Metrics, ["sum:pair"], null, Now, engine.FlowMetrics.For(core)));

        // Edge: s1 swp1 (A + B), s1 swp2 (B), s2 swp1 (A); core: both swp10 (A each).
        Assert.Equal(3, edgeSum.MetricN);
        Assert.Equal((2 * RateA) + (2 * RateB), (double)edgeSum.MetricValue!, 6);
        Assert.Equal(2, coreSum.MetricN);
        Assert.Equal(2 * RateA, (double)coreSum.MetricValue!, 6);
    }

    [Fact]
    public async Task TopologyLinkMetric_TwoSwitchLink_EveryMetricAtEnd1ThenEnd2()
    {
        await using var engine = await FabricAsync(withTopology: true);
        Submit(engine, CounterDatagrams.Sample(EngineDatagrams.Address(S1), 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10, Speed = 10_000_000_000 })));
        Submit(engine, CounterDatagrams.Sample(EngineDatagrams.Address(S2), 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10, Speed = 40_000_000_000 })));
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var metrics = engine.TopologyLinkMetric("s1-s2", ["ifspeed", "pair", "ifoutoctets"], Now);

        Assert.Equal(["ifspeed", "pair", "ifoutoctets", "ifspeed", "pair", "ifoutoctets"], metrics.Select(m => m.MetricName));
        Assert.Equal((S1, "10", 10_000_000_000d), (metrics[0].Agent, metrics[0].DataSource, metrics[0].MetricValue));
        Assert.Equal(RateA, (double)metrics[1].MetricValue!, 6);
        Assert.Equal(0, metrics[2].MetricN); // one counter sample gives no rate yet
        Assert.Equal((S2, "10", 40_000_000_000d), (metrics[3].Agent, metrics[3].DataSource, metrics[3].MetricValue));
        Assert.Equal(RateA, (double)metrics[4].MetricValue!, 6);
        Assert.Empty(engine.TopologyLinkMetric("no-such-link", ["ifspeed"], Now));
    }

    [Fact]
    public async Task LinkKey_InputIfIndex_NamesTheLinkAndIsNullOnEdgePorts()
    {
        await using var engine = await FabricAsync(withTopology: true);

        // Samples that came in over the link (at s2) carry its name; the rest came in at edge ports.
        AssertFlows(engine.ActiveFlows("ALL", "links", 10, 0, "sum", Now), ("edge", (2 * RateA) + (2 * RateB)), ("s1-s2", 2 * RateA));

        // ixp-metrics' edge filter: ingress samples from edge ports count each packet once.
        AssertFlows(engine.ActiveFlows("ALL", "ingress", 10, 0, "sum", Now), (FlowA, RateA), (FlowB, RateB));
    }

    [Fact]
    public async Task LocateHostMac_FramesFromH1_LocatedAtTheEdgePortOnly()
    {
        await using var engine = await FabricAsync(withTopology: true);

        var location = Assert.Single(engine.Topology.LocateHostMac("00:00:00:00:00:a1", Now));

        Assert.Equal((H1Mac, S1, 1u, "s1", "swp1"), (location.Mac, location.Agent, location.IfIndex, location.Node, location.Port));
        Assert.Equal("10.0.0.1", location.IpAddress);
        Assert.Null(location.Vlan);
        Assert.Equal([H1Mac], engine.Topology.LocatedHostMacs(nowUnixMs: Now));
        Assert.Equal([H1Mac], engine.Topology.LocatedHostMacs(S1, 1, Now));
        Assert.Empty(engine.Topology.LocatedHostMacs(S2, nowUnixMs: Now));
        Assert.Empty(engine.Topology.LocateHostMac("0000000000A3", Now)); // h3 only ever received
        Assert.Equal([("s1", "swp1")], engine.Topology.LocateHostIp("10.0.0.1", Now).Select(l => (l.Node, l.Port)));
        Assert.Empty(engine.Topology.LocateHostIp("10.0.0.3", Now));
    }

    [Fact]
    public async Task NoTopology_EveryDataSourceIsAnEdgePort()
    {
        await using var engine = await FabricAsync(withTopology: false);

        // A enters at s1 swp1 and again at s2 swp10: without links both are edge ports.
        AssertFlows(engine.ActiveFlows("ALL", "pair", 10, 0, "edge", Now), (FlowA, 2 * RateA), (FlowB, RateB));
        AssertFlows(engine.ActiveFlows("EDGE", "pair", 10, 0, "sum", Now), (FlowA, 4 * RateA), (FlowB, 2 * RateB));
        Assert.Empty(engine.ActiveFlows("CORE", "pair", 10, 0, "sum", Now));
        Assert.Empty(engine.ActiveFlows("ALL", "pair", 10, 0, "core", Now));
        Assert.Empty(engine.SelectAgents("TOPOLOGY"));
        AssertFlows(engine.ActiveFlows("ALL", "links", 10, 0, "sum", Now), ("edge", (4 * RateA) + (2 * RateB)));
        Assert.Equal([(S1, 1u), (S2, 10u)], engine.Topology.LocateHostMac(H1Mac, Now).Select(l => (l.Agent, l.IfIndex)).Order());
    }

    private static void AssertFlows(IReadOnlyList<ActiveFlow> flows, params (string Key, double Value)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Key), flows.Select(f => f.Key));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Value, flows[i].Value, 6);
        }
    }

    private static async Task<SluiceEngine> FabricAsync(bool withTopology)
    {
        var engine = new SluiceEngine(new EngineOptions { Shards = 2, ThresholdInterval = TimeSpan.Zero, TopologyResolveInterval = TimeSpan.Zero });
        engine.Start(listen: false);
        if (withTopology)
        {
            engine.Topology.Set(Json);
        }

        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        engine.Flows.Set("links", new FlowDefinition { Keys = "null:[link:inputifindex]:edge", Value = "bytes" });
        engine.Flows.Set("edge-pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", AggMode = "edge" });
        engine.Flows.Set("ingress", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Filter = "direction=ingress&link:inputifindex=null" });
        Submit(engine);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));
        return engine;
    }

    private static void Submit(SluiceEngine engine)
    {
        foreach (var datagram in Datagrams())
        {
            Submit(engine, datagram);
        }
    }

    private static void Submit(SluiceEngine engine, byte[] datagram) =>
        Assert.True(engine.Ingest.Submit(datagram, EngineDatagrams.Address("127.0.0.1"), Now));
}
