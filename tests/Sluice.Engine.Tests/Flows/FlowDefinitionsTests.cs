using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowDefinitionsTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly SflowAddressHolder Source = new();

    [Fact]
    public async Task ActiveFlows_KnownTraffic_ConvergesToTruePerSecondRates()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        // 20 s, a datagram every 100 ms with 5 samples of A→B (1000 bytes) and 2 of C→D (500 bytes), 1-in-100:
        // A→B = 50 samples/s × 1000 × 100 = 5,000,000 bytes/s; C→D = 20 × 500 × 100 = 1,000,000 bytes/s.
        var last = Feed(engine, "192.0.2.1", 3, 200);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var flows = engine.ActiveFlows("ALL", "pair", 10, 0, null, last + 50);

        Assert.Equal(2, flows.Count);
        Assert.Equal("10.0.0.1,10.0.0.2", flows[0].Key);
        Assert.InRange(flows[0].Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
        Assert.Equal("192.0.2.1", flows[0].Agent);
        Assert.Equal("3", flows[0].DataSource);
        Assert.Equal("10.0.0.3,10.0.0.4", flows[1].Key);
        Assert.InRange(flows[1].Value, 1_000_000 * 0.95, 1_000_000 * 1.05);
    }

    [Fact]
    public async Task ActiveFlows_SameFlowAtTwoDataSources_MaxKeepsOneSumAddsBoth()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        Feed(engine, "192.0.2.1", 3, 200);
        var last = Feed(engine, "192.0.2.2", 7, 200);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var max = engine.ActiveFlows("ALL", "pair", 1, 0, "max", last + 50);
        var sum = engine.ActiveFlows("ALL", "pair", 1, 0, "sum", last + 50);
        var one = engine.ActiveFlows("192.0.2.2", "pair", 10, 2_000_000, null, last + 50);

        Assert.InRange(Assert.Single(max).Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
        Assert.InRange(Assert.Single(sum).Value, 10_000_000 * 0.95, 10_000_000 * 1.05);
        var only = Assert.Single(one);
        Assert.Equal("192.0.2.2", only.Agent);
        Assert.Equal("7", only.DataSource);
    }

    [Fact]
    public async Task Set_DroppedDefinition_CountsDiscardsOnlyUnscaled()
    {
        await using var engine = Started();
        engine.Flows.Set("drops", new FlowDefinition { Keys = "ipsource", Value = "frames", Dropped = true });
        engine.Flows.Set("packets", new FlowDefinition { Keys = "ipsource", Value = "frames" });
        for (uint i = 0; i < 100; i++)
        {
            engine.Ingest.Submit(EngineDatagrams.Discard("192.0.2.1", i + 1, "10.9.9.9", "10.0.0.1"), Source.Value, Now + (i * 100));
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var drops = Assert.Single(engine.ActiveFlows("ALL", "drops", 10, 0, null, Now + 9_950));
        Assert.Equal("10.9.9.9", drops.Key);
        Assert.InRange(drops.Value, 10 * 0.9, 10 * 1.1); // 10 reports a second, not scaled (the table is 10 s old, t = 2 s)
        Assert.Empty(engine.ActiveFlows("ALL", "packets", 10, 0, null, Now + 9_950));
    }

    [Fact]
    public async Task Set_BadDefinition_ThrowsAndKeepsTheOldOne()
    {
        await using var engine = Started();
        engine.Flows.Set("f", new FlowDefinition { Keys = "ipsource", Value = "bytes" });

        var error = Assert.Throws<FlowSyntaxException>(() => engine.Flows.Set("f", new FlowDefinition { Keys = "ipsorce", Value = "bytes" }));

        Assert.Contains("ipsorce", error.Message, StringComparison.Ordinal);
        Assert.Equal("ipsource", engine.Flows.TryGet("f")!.Keys);
        Assert.Equal(["f"], engine.Flows.Names);
        Assert.True(engine.Flows.Remove("f"));
        Assert.False(engine.Flows.Remove("f"));
        Assert.Null(engine.Flows.TryGet("f"));
        Assert.Empty(engine.ActiveFlows("ALL", "f", 10));
    }

    [Fact]
    public async Task Expire_SilentDataSource_DropsItsTables()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        var last = Feed(engine, "192.0.2.1", 3, 10);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));
        Assert.NotEmpty(engine.ActiveFlows("ALL", "pair", 10, 0, null, last));

        engine.Expire(last + (long)TimeSpan.FromMinutes(6).TotalMilliseconds);

        Assert.Empty(engine.ActiveFlows("ALL", "pair", 10, 0, null, last));
    }

    [Fact]
    public async Task ActiveFlows_DefinitionWithValues_RowsCarryThemInDefinitionOrder()
    {
        await using var engine = Started();
        engine.Flows.Set("src", new FlowDefinition
        {
            Keys = "ipsource",
            Value = "bytes",
            Values = "frames,count:ipdestination,avg:bytes,min:bytes,max:udpdestinationport",
        });
        engine.Flows.Set("plain", new FlowDefinition { Keys = "ipsource", Value = "bytes" });
        var last = Feed(engine, "192.0.2.1", 3, 200);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var flows = engine.ActiveFlows("ALL", "src", 10, 0, null, last + 50);

        Assert.Equal(["10.0.0.1", "10.0.0.3"], flows.Select(f => f.Key));
        var values = flows[0].Values!;
        Assert.Equal(5, values.Count);
        Assert.InRange(values[0], 5_000 * 0.95, 5_000 * 1.05); // 50 samples/s × 100 frames
        Assert.Equal([1, 1_000, 1_000, 53], values.Skip(1).Select(v => Math.Round(v, 6)));
        Assert.Null(engine.ActiveFlows("ALL", "plain", 1, 0, null, last + 50)[0].Values); // no values: none reported
    }

    [Fact]
    public async Task ActiveFlows_SameKeyAtTwoDataSources_SumCombinesEachValueByKind()
    {
        await using var engine = Started();
        engine.Flows.Set("dst", new FlowDefinition { Keys = "ipdestination", Value = "bytes", Values = "frames,min:bytes,max:bytes,count:ipsource" });
        Feed(engine, "192.0.2.1", 3, 200); // A→B: 5 × 1,000 bytes per datagram
        var last = Feed(engine, "192.0.2.2", 7, 200, [("10.0.0.9", "10.0.0.2", 1500), ("10.0.0.8", "10.0.0.2", 1500)]);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var sum = engine.ActiveFlows("ALL", "dst", 1, 0, "sum", last + 50)[0];
        var max = engine.ActiveFlows("ALL", "dst", 1, 0, "max", last + 50)[0];

        Assert.Equal("10.0.0.2", sum.Key);
        Assert.InRange(sum.Value, 8_000_000 * 0.95, 8_000_000 * 1.05); // 5,000,000 + 3,000,000 bytes/s
        Assert.InRange(sum.Values![0], 7_000 * 0.95, 7_000 * 1.05); // frames add up
        Assert.Equal([1_000, 1_500, 1], sum.Values.Skip(1)); // smallest min, largest max, count of the larger data source
        Assert.Equal(("192.0.2.1", "3"), (sum.Agent, sum.DataSource));
        Assert.InRange(max.Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
        Assert.Equal([1_000, 1_000, 1], max.Values!.Skip(1)); // the whole row of the larger data source
    }

    [Fact]
    public async Task ActiveFlows_KeyFilter_KeepsMatchingFlowsOnly()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" });
        var last = Feed(engine, "192.0.2.1", 3, 20);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var one = engine.ActiveFlows("ALL", "pair", 10, 0, null, last, engine.Flows.CompileKeyFilter("pair", "ipsource=10.0.0.3"));
        var cidr = engine.ActiveFlows("ALL", "pair", 10, 0, null, last, engine.Flows.CompileKeyFilter("pair", "ipdestination=10.0.0.0/30"));
        var none = engine.ActiveFlows("ALL", "pair", 10, 0, null, last, engine.Flows.CompileKeyFilter("pair", "ipsource!=10.0.0.0/8"));

        Assert.Equal("10.0.0.3,10.0.0.4", Assert.Single(one).Key);
        Assert.Equal("10.0.0.1,10.0.0.2", Assert.Single(cidr).Key);
        Assert.Empty(none);
        Assert.Null(engine.Flows.CompileKeyFilter("missing", "ipsource=1"));
        var e = Assert.Throws<FlowSyntaxException>(() => engine.Flows.CompileKeyFilter("pair", "ipprotocol=17"));
        Assert.Equal(("ipprotocol", 0), (e.Token, e.Position));
    }

    [Fact]
    public async Task FlowValueAtAndFlowLocations_KeyAtTwoAgents_FindEachDataSource()
    {
        await using var engine = Started();
        engine.Flows.Set("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Values = "frames" });
        Feed(engine, "192.0.2.1", 3, 200);
        var last = Feed(engine, "192.0.2.2", 7, 200, [("10.0.0.1", "10.0.0.2", 1000)]);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));
        const string Key = "10.0.0.1,10.0.0.2";

        var at = engine.FlowValueAt("192.0.2.2", "7", "pair", Key, last + 50);
        var locations = engine.FlowLocations("ALL", "pair", Key, last + 50);

        Assert.InRange(at!.Value.Value, 1_000_000 * 0.95, 1_000_000 * 1.05);
        Assert.Null(engine.FlowValueAt("192.0.2.2", "3", "pair", Key, last + 50));
        Assert.Null(engine.FlowValueAt("192.0.2.2", "7", "pair", "10.0.0.3,10.0.0.4", last + 50));
        Assert.Null(engine.FlowValueAt("192.0.2.2", "7", "other", Key, last + 50));
        Assert.Equal([("192.0.2.1", "3"), ("192.0.2.2", "7")], locations.Select(l => (l.Agent, l.DataSource)));
        Assert.InRange(locations[0].Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
        Assert.InRange(locations[1].Values![0], 1_000 * 0.95, 1_000 * 1.05);
        Assert.Single(engine.FlowLocations("192.0.2.2", "pair", Key, last + 50));
        Assert.Empty(engine.FlowLocations("ALL", "pair", "10.9.9.9,10.0.0.2", last + 50));
    }

    [Fact]
    public async Task FlowKeysSeen_TrafficWithNoFlowDefined_ListsDecodedKeys()
    {
        await using var engine = Started();
        var last = Feed(engine, "192.0.2.1", 3, 10);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var keys = engine.FlowKeysSeen(last + 1_000);

        Assert.Equal(1_000, keys["ipsource"]);
        Assert.Equal(1_000, keys["udpdestinationport"]);
        Assert.Equal(1_000, keys["agent"]);
        Assert.False(keys.ContainsKey("tcpsourceport"));
        Assert.False(keys.ContainsKey("ip6source"));
        Assert.Empty(engine.FlowKeysSeen(last + (long)TimeSpan.FromMinutes(6).TotalMilliseconds));
    }

    private static long Feed(SluiceEngine engine, string agent, uint ifIndex, uint datagrams, (string, string, uint)[]? packets = null)
    {
        packets ??=
        [
            ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000),
            ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500),
            ("10.0.0.3", "10.0.0.4", 500),
        ];
        long last = 0;
        for (uint i = 0; i < datagrams; i++)
        {
            last = Now + (i * 100);
            Assert.True(engine.Ingest.Submit(EngineDatagrams.Flows(agent, i + 1, 100, ifIndex, packets), Source.Value, last));
        }

        return last;
    }

    private static SluiceEngine Started()
    {
        var engine = new SluiceEngine(new EngineOptions { Shards = 2 });
        engine.Start(listen: false);
        return engine;
    }

    private sealed class SflowAddressHolder
    {
        public Sluice.Sflow.Xdr.SflowAddress Value { get; } = EngineDatagrams.Address("127.0.0.1");
    }
}
