using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Support;
using Sluice.Engine.Thresholds;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Thresholds;

/// <summary>Thresholds checked against a real engine fed with sFlow datagrams, at chosen times.</summary>
public sealed class ThresholdRegistryTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly Sflow.Xdr.SflowAddress Sender = EngineDatagrams.Address("127.0.0.1");
    private static readonly uint[] CpuTimes = [0, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public async Task Check_CounterMetricCrossesAndFallsBack_OneEventPerCrossingReArmedAfterTimeout()
    {
        await using var engine = Started();
        engine.Thresholds.Set("load", new ThresholdDefinition { Metric = "load_one", Value = 2, Timeout = 10 });
        await Host(engine, Agent, "web-1", 3, Now);
        await Host(engine, OtherAgent, "web-2", 0.5f, Now);

        var first = engine.Thresholds.Check(Now);
        var stillAbove = engine.Thresholds.Check(Now + 1000);
        await Host(engine, Agent, "web-1", 1, Now + 1500);
        var below = engine.Thresholds.Check(Now + 2000);
        var triggeredBelow = engine.Thresholds.IsTriggered("load", "192.0.2.1", "2.1.load_one");
        var rearmed = engine.Thresholds.Check(Now + 11_000);
        var triggeredAfter = engine.Thresholds.IsTriggered("load", "192.0.2.1", "2.1.load_one");
        await Host(engine, Agent, "web-1", 4, Now + 12_000);
        var second = engine.Thresholds.Check(Now + 12_000);

        var crossing = Assert.Single(first);
        Assert.Equal(1, crossing.EventId);
        Assert.Equal("load", crossing.ThresholdId);
        Assert.Equal("load_one", crossing.Metric);
        Assert.Equal(3, crossing.Value);
        Assert.Equal(2, crossing.Threshold);
        Assert.Equal("192.0.2.1", crossing.Agent);
        Assert.Equal("2.1", crossing.DataSource);
        Assert.Null(crossing.FlowKey);
        Assert.Equal(Now, crossing.Timestamp);
        Assert.Empty(stillAbove);
        Assert.Empty(below);
        Assert.True(triggeredBelow);
        Assert.Empty(rearmed);
        Assert.False(triggeredAfter);
        Assert.Equal(4, Assert.Single(second).Value);
        Assert.Equal([2L, 1], engine.Events.Read(-1).Select(e => e.EventId));
    }

    [Fact]
    public async Task Check_Filter_OnlyMatchingDataSourcesFire()
    {
        await using var engine = Started();
        engine.Thresholds.Set("web", new ThresholdDefinition
        {
            Metric = "load_one",
            Value = 2,
            Filter = new Dictionary<string, IReadOnlyList<string>> { ["host_name"] = ["web*"] },
        });
        await Host(engine, Agent, "db-1", 5, Now);
        await Host(engine, OtherAgent, "web-2", 5, Now);

        var events = engine.Thresholds.Check(Now);

        Assert.Equal("192.0.2.2", Assert.Single(events).Agent);
    }

    [Fact]
    public async Task Check_FlowTotal_FiresForTheDataSourceAboveTheLevel()
    {
        await using var engine = Started();
        engine.Flows.Set("bytes", new FlowDefinition { Keys = "ipsource", Value = "bytes" });
        engine.Thresholds.Set("busy", new ThresholdDefinition { Metric = "bytes", Value = 4_000_000 });
        engine.Thresholds.Set("port-7", new ThresholdDefinition { Metric = "7.bytes", Value = 1 });
        var last = Feed(engine, "192.0.2.1", 3, 100);
        Feed(engine, "192.0.2.2", 7, 10);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        // 192.0.2.1 ifIndex 3: 6,000,000 bytes/s, converged after 10 s; 192.0.2.2 sent for 1 s only and stopped 9 s ago.
        var events = engine.Thresholds.Check(last + 50);

        var crossing = Assert.Single(events, e => e.ThresholdId == "busy");
        Assert.Equal("192.0.2.1", crossing.Agent);
        Assert.Equal("3", crossing.DataSource);
        Assert.Equal("bytes", crossing.Metric);
        Assert.InRange(crossing.Value, 4_000_000, 6_000_000 * 1.05);
        Assert.Null(crossing.FlowKey);
        var port = Assert.Single(events, e => e.ThresholdId == "port-7"); // "<ds>.<flow>" watches that data source only
        Assert.Equal("192.0.2.2", port.Agent);
        Assert.Equal("7.bytes", port.Metric);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Check_ByFlow_OneEventPerFlowKeyAboveTheLevel()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Values = "frames,max:bytes" });
        engine.Thresholds.Set("big", new ThresholdDefinition { Metric = "pair", Value = 3_000_000, ByFlow = true, Timeout = 1 });
        engine.Thresholds.Set("any", new ThresholdDefinition { Metric = "pair", Value = 100_000, ByFlow = true });
        var last = Feed(engine, "192.0.2.1", 3, 100);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var events = engine.Thresholds.Check(last + 50);
        var again = engine.Thresholds.Check(last + 600);

        // A→B runs at 5,000,000 bytes/s, C→D at 1,000,000.
        var big = Assert.Single(events, e => e.ThresholdId == "big");
        Assert.Equal("10.0.0.1,10.0.0.2", big.FlowKey);
        Assert.Equal("3", big.DataSource);
        Assert.InRange(big.Value, 5_000_000 * 0.9, 5_000_000 * 1.05);
        Assert.InRange(big.Values![0], 5_000 * 0.9, 5_000 * 1.05); // frames/s: 5 samples × 100 every 100 ms
        Assert.Equal(1000, big.Values[1]);
        Assert.Equal(
            ["10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4"],
            events.Where(e => e.ThresholdId == "any").Select(e => e.FlowKey).Order(StringComparer.Ordinal));
        Assert.Empty(again);
        Assert.True(engine.Thresholds.IsTriggered("big", "192.0.2.1", "3.pair", "10.0.0.1,10.0.0.2"));
        Assert.False(engine.Thresholds.IsTriggered("big", "192.0.2.1", "3.pair", "10.0.0.3,10.0.0.4"));

        // The traffic has stopped: A→B decays (t = 2 s) below 3,000,000 about 1 s after the last sample, and re-arms
        // once it has stayed below for the timeout (1 s) since the last check that saw it above (at +600 ms).
        Assert.Empty(engine.Thresholds.Check(last + 1500));
        Assert.True(engine.Thresholds.IsTriggered("big", "192.0.2.1", "3.pair", "10.0.0.1,10.0.0.2"));
        Assert.Empty(engine.Thresholds.Check(last + 1700));
        Assert.False(engine.Thresholds.IsTriggered("big", "192.0.2.1", "3.pair", "10.0.0.1,10.0.0.2"));
    }

    [Fact]
    public async Task Check_FlowWithInterfaceFilter_OnlyTheFastInterfaceFires()
    {
        await using var engine = Started();
        engine.Flows.Set("bytes", new FlowDefinition { Keys = "ipsource", Value = "bytes" });
        engine.Thresholds.Set("ten-gig", new ThresholdDefinition
        {
            Metric = "bytes",
            Value = 1000,
            Filter = new Dictionary<string, IReadOnlyList<string>> { ["ifspeed"] = ["10000000000"] },
        });
        Submit(engine, Sample(Agent, 0, 3, Interface(new InterfaceCounters { IfIndex = 3, Speed = 10_000_000_000 })), Now);
        Submit(engine, Sample(OtherAgent, 0, 7, Interface(new InterfaceCounters { IfIndex = 7, Speed = 1_000_000_000 })), Now);
        Feed(engine, "192.0.2.1", 3, 20);
        Feed(engine, "192.0.2.2", 7, 20);
        Feed(engine, "192.0.2.2", 9, 20); // no counters, so no ifspeed: never matches a filter
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var events = engine.Thresholds.Check(Now + 2000);

        var crossing = Assert.Single(events);
        Assert.Equal("192.0.2.1", crossing.Agent);
        Assert.Equal("3", crossing.DataSource);
    }

    [Fact]
    public async Task Start_FakeClock_ChecksEveryIntervalAndTellsSubscribers()
    {
        await using var engine = Started();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        var delivered = new List<ThresholdEvent>();
        using var subscription = engine.Events.Subscribe(delivered.Add, ["load"]);
        engine.Thresholds.Set("load", new ThresholdDefinition { Metric = "load_one", Value = 2 });
        engine.Thresholds.Start(time, TimeSpan.FromSeconds(1));
        await Host(engine, Agent, "web-1", 3, Now);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(delivered);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var crossing = Assert.Single(delivered);
        Assert.Equal(Now + 1000, crossing.Timestamp);
        Assert.Equal(1, crossing.EventId);
        Assert.Equal(1, engine.Events.LastEventId);
    }

    [Fact]
    public async Task SetRemove_Definitions_ListedAndReplaced()
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1 });
        var definition = new ThresholdDefinition { Metric = "load_one", Value = 2 };

        engine.Thresholds.Set("a", definition);
        engine.Thresholds.Set("b", definition with { Value = 3 });
        engine.Thresholds.Set("b", definition with { Value = 4 });

        Assert.Equal(["a", "b"], engine.Thresholds.All().Keys);
        Assert.Equal(4, engine.Thresholds.TryGet("b")!.Value);
        Assert.True(engine.Thresholds.Remove("a"));
        Assert.False(engine.Thresholds.Remove("a"));
        Assert.Null(engine.Thresholds.TryGet("a"));
    }

    [Theory]
    [InlineData("max:load_one", 1, 1, "aggregation")]
    [InlineData("", 1, 1, "metric")]
    [InlineData("load_one", double.NaN, 1, "value")]
    [InlineData("load_one", 1, -1, "timeout")]
    public async Task Set_UnusableDefinition_ThrowsNamingTheField(string metric, double value, double timeout, string named)
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1 });

        var error = Assert.Throws<FormatException>(() =>
            engine.Thresholds.Set("bad", new ThresholdDefinition { Metric = metric, Value = value, Timeout = timeout }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Thresholds.All());
    }

    private static SluiceEngine Started()
    {
        var engine = new SluiceEngine(new EngineOptions { Shards = 2, ThresholdInterval = TimeSpan.Zero });
        engine.Start(listen: false);
        return engine;
    }

    private static void Submit(SluiceEngine engine, byte[] datagram, long at) => Assert.True(engine.Ingest.Submit(datagram, Sender, at));

    private static async Task Host(SluiceEngine engine, Sflow.Xdr.SflowAddress agent, string name, float load, long at)
    {
        Submit(engine, Sample(agent, 2, 1, HostDescription(name), HostCpu(load, 1, CpuTimes)), at);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));
    }

    private static long Feed(SluiceEngine engine, string agent, uint ifIndex, uint datagrams) =>
        PairTraffic.Feed(engine, agent, ifIndex, datagrams, Now);
}
