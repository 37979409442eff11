using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Flows.Logging;
using Sluice.Engine.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Logging;

public sealed class FlowLogCacheTests
{
    private const long T0 = 1_700_000_000_000;

    private readonly DataSourceState _source = new(EngineDatagrams.Address("192.0.2.1"), 0, 3);
    private readonly FlowLog _log = new(100);

    [Fact]
    public void Sweep_FlowIdleForTimeout_LogsOneRecordWithScaledTotals()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Log = true });
        var sample = FlowSamples.Tcp(frameLength: 1000);
        cache.Observe(sample, _source, "10.0.0.1,192.168.1.2", 1000 * 100, 100, T0);
        cache.Observe(sample, _source, "10.0.0.1,192.168.1.2", 1000 * 100, 100, T0 + 1000);

        cache.Sweep(T0 + 1000 + cache.IdleTimeoutMs - 1);
        Assert.Equal(0, _log.LastFlowId);

        cache.Sweep(T0 + 1000 + cache.IdleTimeoutMs);
        var record = Assert.Single(_log.Read(-1, 10));
        Assert.Equal(1, record.FlowId);
        Assert.Equal("pair", record.Name);
        Assert.Equal("10.0.0.1,192.168.1.2", record.FlowKeys);
        Assert.Equal(200_000, record.Value);
        Assert.Equal(200, record.Frames);
        Assert.Equal(200_000, record.Bytes);
        Assert.Equal(T0, record.Start);
        Assert.Equal(T0 + 1000, record.End);
        Assert.Equal("192.0.2.1", record.Agent);
        Assert.Equal("3", record.DataSource);
        Assert.Null(record.Values);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void IdleTimeout_DefaultsAndLongT_IsFiveSecondsOrTwiceTCappedByActiveTimeout()
    {
        Assert.Equal(5_000, Cache(new FlowDefinition { Value = "bytes", Log = true }).IdleTimeoutMs);
        Assert.Equal(20_000, Cache(new FlowDefinition { Value = "bytes", Log = true, T = 10 }).IdleTimeoutMs);
        Assert.Equal(3_000, Cache(new FlowDefinition { Value = "bytes", Log = true, ActiveTimeout = 3 }).IdleTimeoutMs);
    }

    [Fact]
    public void Observe_PastActiveTimeout_ReportsFlowAndStartsItAgain()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Log = true, ActiveTimeout = 10 });
        var sample = FlowSamples.Tcp();
        for (var second = 0; second <= 12; second++)
        {
            cache.Observe(sample, _source, "10.0.0.1", 100, 100, T0 + (second * 1000));
        }

        var first = Assert.Single(_log.Read(-1, 10));
        Assert.Equal(T0, first.Start);
        Assert.Equal(T0 + 9_000, first.End);
        Assert.Equal(1_000, first.Value);

        cache.Sweep(T0 + 12_000 + cache.IdleTimeoutMs);
        var second2 = _log.Read(first.FlowId, 10);
        var restarted = Assert.Single(second2);
        Assert.Equal(T0 + 10_000, restarted.Start);
        Assert.Equal(T0 + 12_000, restarted.End);
        Assert.Equal(300, restarted.Value);
    }

    [Fact]
    public void Observe_FlowStart_LogsFirstSampleOnlyAndAgainAfterTheFlowEnds()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Log = true, FlowStart = true });
        var sample = FlowSamples.Tcp();
        cache.Observe(sample, _source, "10.0.0.1", 100, 100, T0);
        cache.Observe(sample, _source, "10.0.0.1", 100, 100, T0 + 500);
        cache.Observe(sample, _source, "10.0.0.2", 100, 100, T0 + 600);

        var starts = _log.Read(-1, 10);
        Assert.Equal(["10.0.0.2", "10.0.0.1"], starts.Select(r => r.FlowKeys));
        Assert.All(starts, r => Assert.Equal(r.Start, r.End));
        Assert.Equal(100, starts[1].Value);

        cache.Sweep(T0 + 600 + cache.IdleTimeoutMs);
        Assert.Equal(2, _log.LastFlowId); // ends are not logged with flowStart
        cache.Observe(sample, _source, "10.0.0.1", 100, 100, T0 + 60_000);
        Assert.Equal("10.0.0.1", _log.Read(2, 10).Single().FlowKeys);
    }

    [Fact]
    public void Observe_FullCache_EndsTheLeastRecentlySeenFlow()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Log = true }, cacheSize: 2);
        var sample = FlowSamples.Tcp();
        cache.Observe(sample, _source, "a", 1, 1, T0);
        cache.Observe(sample, _source, "b", 1, 1, T0 + 1);
        cache.Observe(sample, _source, "a", 1, 1, T0 + 2);
        cache.Observe(sample, _source, "c", 1, 1, T0 + 3);

        var evicted = Assert.Single(_log.Read(-1, 10));
        Assert.Equal("b", evicted.FlowKeys);
        Assert.Equal(2, cache.Count);
        Assert.Equal(1, cache.Evictions);

        cache.Flush();
        Assert.Equal(["c", "a"], _log.Read(evicted.FlowId, 10).Select(r => r.FlowKeys));
        Assert.Equal(2, _log.Read(-1, 10).Single(r => r.FlowKeys == "a").Value);
    }

    [Fact]
    public void Observe_SameKeyAtTwoDataSources_TracksTwoFlows()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Log = true });
        var other = new DataSourceState(EngineDatagrams.Address("192.0.2.2"), 0, 7);
        var sample = FlowSamples.Tcp();
        cache.Observe(sample, _source, "10.0.0.1", 100, 100, T0);
        cache.Observe(sample, other, "10.0.0.1", 100, 100, T0);

        cache.Flush();
        Assert.Equal(["192.0.2.2/7", "192.0.2.1/3"], _log.Read(-1, 10).Select(r => r.Agent + "/" + r.DataSource));
    }

    [Fact]
    public void Observe_DefinitionWithValues_RecordsSumsMinimaAndMaxima()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Values = "bytes,min:bytes,max:bytes,avg:bytes", Log = true });
        cache.Observe(FlowSamples.Tcp(frameLength: 100), _source, "10.0.0.1", 100, 100, T0);
        cache.Observe(FlowSamples.Tcp(frameLength: 300), _source, "10.0.0.1", 100, 100, T0 + 1);

        cache.Flush();
        Assert.Equal([40_000, 100, 300, 200], _log.Read(-1, 1).Single().Values!);
    }

    [Fact]
    public void Observe_TrackedKeys_AllocatesNothing()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "bytes", Log = true, ActiveTimeout = 1_000_000 });
        var sample = FlowSamples.Tcp();
        var keys = new[] { "10.0.0.1".ToCharArray(), "10.0.0.2".ToCharArray(), "10.0.0.3".ToCharArray() };
        foreach (var key in keys)
        {
            cache.Observe(sample, _source, key, 1, 1, T0);
        }

        SteadyState.AssertAllocatesNothing(10_000, i => cache.Observe(sample, _source, keys[i % 3], 1514 * 100, 100, T0 + i));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Sweep_ManyFlows_StaysWithinCacheAndLogBounds()
    {
        var cache = Cache(new FlowDefinition { Keys = "ipsource", Value = "frames", Log = true }, cacheSize: 50);
        var sample = FlowSamples.Tcp();
        for (var i = 0; i < 1_000; i++)
        {
            cache.Observe(sample, _source, $"10.0.{i / 256}.{i % 256}", 1, 1, T0 + i);
        }

        Assert.Equal(50, cache.Count);
        Assert.Equal(950, cache.Evictions);
        Assert.Equal(950, _log.LastFlowId);
        Assert.Equal(100, _log.Read(-1, 1_000).Count);
    }

    private FlowLogCache Cache(FlowDefinition definition, int cacheSize = 100) =>
        new("pair", definition.Compile(), definition.Log ? _log : null, null, new FlowLogOptions { CacheSize = cacheSize });
}
