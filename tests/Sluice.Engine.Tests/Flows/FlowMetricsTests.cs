using Sluice.Engine.Flows;
using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Flows;

/// <summary>Flow names queried as metrics through <see cref="MetricQuery"/> (sflow-rt-api.md §1.2).</summary>
public sealed class FlowMetricsTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly Sflow.Xdr.SflowAddress Sender = EngineDatagrams.Address("127.0.0.1");

    [Fact]
    public async Task Statistics_FlowName_EveryPrefixOverDataSourceTotals()
    {
        await using var engine = await TwoInterfacesAsync();
        var at = Now + 9_950; // halfway between samples, where the smoothed rate equals the true rate

        var stats = MetricQuery.Statistics(Counters(engine), ["pair", "sum:pair", "min:pair", "avg:pair", "med:pair"], null, at, engine.FlowMetrics.View(null));

        // 192.0.2.1 ifIndex 3 carries 6,000,000 bytes/s in total, 192.0.2.2 ifIndex 7 half of that.
        AssertNear(6_000_000, stats[0]);
        Assert.Equal("192.0.2.1", stats[0].Agent);
        Assert.Equal("3", stats[0].DataSource);
        Assert.Equal(2, stats[0].MetricN);
        AssertNear(9_000_000, stats[1]);
        AssertNear(3_000_000, stats[2]);
        Assert.Equal("7", stats[2].DataSource);
        AssertNear(4_500_000, stats[3]);
        AssertNear(4_500_000, stats[4]);
        Assert.NotNull(stats[4].Quartiles);
    }

    [Fact]
    public async Task Statistics_FlowName_TopKeysLargestFirst()
    {
        await using var engine = await TwoInterfacesAsync();
        var at = Now + 9_950; // halfway between samples, where the smoothed rate equals the true rate

        var stats = MetricQuery.Statistics(Counters(engine), ["max:pair", "sum:pair", "7.pair", "avg:pair"], null, at, engine.FlowMetrics.View(null));

        Assert.Equal(["10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4"], stats[0].TopKeys!.Select(k => k.Key));
        Assert.InRange(stats[0].TopKeys![0].Value, 5_000_000 * 0.98, 5_000_000 * 1.02);
        Assert.InRange(stats[1].TopKeys![0].Value, 7_500_000 * 0.98, 7_500_000 * 1.02); // summed over both interfaces
        Assert.Equal("7", stats[2].DataSource);
        Assert.Equal(1, stats[2].MetricN);
        Assert.InRange(stats[2].TopKeys![0].Value, 2_500_000 * 0.98, 2_500_000 * 1.02);
        Assert.Null(stats[3].TopKeys); // an average belongs to no data source's flows
    }

    [Fact]
    public async Task Statistics_FilterAndAgentSelection_ApplyToFlowMetrics()
    {
        await using var engine = await TwoInterfacesAsync();
        var at = Now + 9_950; // halfway between samples, where the smoothed rate equals the true rate
        var tenGig = new MetricFilter([new("ifspeed", ["10000000000"])]);

        var filtered = Assert.Single(MetricQuery.Statistics(Counters(engine), ["sum:pair"], tenGig, at, engine.FlowMetrics.View(null)));
        var oneAgent = Assert.Single(MetricQuery.Statistics(
            Counters(engine), ["sum:pair"], null, at, engine.FlowMetrics.View(engine.SelectAgents("192.0.2.2"))));

        AssertNear(6_000_000, filtered);
        Assert.Equal(1, filtered.MetricN);
        AssertNear(3_000_000, oneAgent);
        Assert.Equal("192.0.2.2", oneAgent.Agent);
    }

    [Fact]
    public async Task DumpTableAgentValuesAndLastSeen_IncludeFlowMetrics()
    {
        await using var engine = await TwoInterfacesAsync();
        var at = Now + 9_950; // halfway between samples, where the smoothed rate equals the true rate
        var flows = engine.FlowMetrics.View(null);

        var dump = MetricQuery.Dump(Counters(engine), ["pair"], null, at, flows);
        var all = MetricQuery.Dump(Counters(engine), ["ALL"], null, at, flows);
        var table = MetricQuery.Table(Counters(engine), ["sort:pair:-1", "ifspeed"], null, at, flows);
        var flowsOnly = MetricQuery.Table(Counters(engine), ["pair"], null, at, flows);
        var agent = MetricQuery.AgentValues(Counters(engine), engine.FlowMetrics.View(engine.SelectAgents("192.0.2.1")), at);
        var seen = MetricQuery.LastSeen(Counters(engine), at, flows);

        Assert.Equal(2, dump.Count);
        var first = dump.Single(d => d.Agent == "192.0.2.1");
        Assert.Equal("3", first.DataSource);
        Assert.Equal("pair", first.MetricName);
        Assert.Equal(["10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4"], first.TopKeys!.Select(k => k.Key));
        Assert.Equal(2, all.Count(d => d.MetricName == "pair"));
        Assert.Contains(all, d => d.MetricName == "ifspeed");
        var row = Assert.Single(table);
        Assert.Equal("pair", row[0].MetricName);
        Assert.Equal("192.0.2.1", row[0].Agent);
        Assert.Equal(10_000_000_000d, row[1].Value);
        Assert.Null(row[0].TopKeys);
        Assert.Equal(2, flowsOnly.Count);
        Assert.InRange((double)agent["3.pair"], 6_000_000 * 0.98, 6_000_000 * 1.02);
        Assert.False(agent.ContainsKey("7.pair"));
        Assert.Equal(50, seen["pair"]); // ms since the last sample
    }

    [Fact]
    public async Task IsFlowMetric_CounterMetricName_CounterWins()
    {
        await using var engine = await TwoInterfacesAsync();
        engine.Flows.Set("ifspeed", new FlowDefinition { Keys = "ipsource", Value = "bytes" });

        var stat = Assert.Single(MetricQuery.Statistics(Counters(engine), ["ifspeed"], null, Now, engine.FlowMetrics.View(null)));

        Assert.False(engine.FlowMetrics.IsFlowMetric("ifspeed"));
        Assert.True(engine.FlowMetrics.IsFlowMetric("pair"));
        Assert.Equal(10_000_000_000d, stat.MetricValue);
        Assert.Null(stat.TopKeys);
    }

    private static IEnumerable<DataSourceMetrics> Counters(SluiceEngine engine) => SluiceEngine.MetricsOf(engine.Agents);

    private static void AssertNear(double expected, MetricStatistic statistic)
    {
        var value = (double)statistic.MetricValue!;
        Assert.True(Math.Abs(value - expected) <= expected * 0.02, $"expected {expected} ±2 %, got {value}");
    }

    /// <summary>
    /// 192.0.2.1 ifIndex 3 (10G) and 192.0.2.2 ifIndex 7 (1G), 20 s of <see cref="PairTraffic"/> each: 5,000,000 and
    /// 1,000,000 bytes/s on ifIndex 3, at half the sampling rate on ifIndex 7 (2,500,000 and 500,000 bytes/s).
    /// </summary>
    private static async Task<SluiceEngine> TwoInterfacesAsync()
    {
        var engine = new SluiceEngine(new EngineOptions { Shards = 2, ThresholdInterval = TimeSpan.Zero });
        engine.Start(listen: false);
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        Submit(engine, Sample(Agent, 0, 3, Interface(new InterfaceCounters { IfIndex = 3, Speed = 10_000_000_000 })), Now);
        Submit(engine, Sample(OtherAgent, 0, 7, Interface(new InterfaceCounters { IfIndex = 7, Speed = 1_000_000_000 })), Now);
        PairTraffic.Feed(engine, "192.0.2.1", 3, 200, Now - 10_000);
        PairTraffic.Feed(engine, "192.0.2.2", 7, 200, Now - 10_000, samplingRate: 50);

        await engine.DrainAsync(TimeSpan.FromSeconds(10));
        return engine;
    }

    private static void Submit(SluiceEngine engine, byte[] datagram, long at) => Assert.True(engine.Ingest.Submit(datagram, Sender, at));
}
