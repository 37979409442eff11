using Sluice.Engine.Flows;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Engine.Topology;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class ShardAllocationTests
{
    [Fact]
    public void Process_SteadyStateDatagrams_AllocatesNothing()
    {
        var shard = new Shard(0, new EngineOptions(), () => 0);
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var datagrams = Enumerable.Range(1, 10_100).Select(i => EngineDatagrams.Mixed("192.0.2.1", (uint)i, (uint)i)).ToArray();
        for (var i = 0; i < 100; i++)
        {
            shard.Process(datagrams[i], source, now + (i * 1000));
        }

        SteadyState.AssertAllocatesNothing(3_333, i => shard.Process(datagrams[100 + i], source, now + ((100 + i) * 1000)));

        Assert.Equal(10_099, shard.Statistics.Decoded);
        Assert.True(shard.TryFindAgent(EngineDatagrams.Address("192.0.2.1"), out var agent));
        Assert.Equal(10_099, agent!.Datagrams);
        Assert.True(agent.FindDataSource(0, 3)!.Metrics!.TryGetValue("ifinoctets", out var rate));
        Assert.Equal(1_000_000.0, rate.Number, 3);
    }

    [Fact]
    public void Process_FlowSamplesWithActiveFlows_AllocatesNothing()
    {
        var shard = new Shard(0, new EngineOptions(), () => 0);
        shard.SetFlow(new ShardFlow("pair", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" }.Compile()));
        shard.SetFlow(new ShardFlow("src", new FlowDefinition { Keys = "ipsource", Value = "frames", Filter = "ipprotocol=17" }.Compile()));
        shard.SetFlow(new ShardFlow("dst", new FlowDefinition { Keys = "ipdestination", Value = "bytes", Values = "count:ipsource,avg:ipbytes" }.Compile()));
        shard.SetFlow(new ShardFlow("net", new FlowDefinition { Keys = "ipprotocol", Value = "count:ipsource", Filter = "ipsource=10.0.0.0/8,192.168.0.0/16" }.Compile()));
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var datagrams = Enumerable.Range(1, 12_000)
            .Select(i => EngineDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500)))
            .ToArray();

        for (var i = 0; i < 2_000; i++)
        {
            shard.Process(datagrams[i], source, now + (i * 100));
        }

        SteadyState.AssertAllocatesNothing(3_000, i => shard.Process(datagrams[2_000 + i], source, now + ((2_000 + i) * 100)));
        var table = Assert.Single(shard.FindFlow("pair")!.Tables).Value;
        Assert.Equal(2, table.Count);
        var last = now + (4_999 * 100);
        var destination = Assert.Single(shard.FindFlow("dst")!.Tables).Value.Top(5, last);
        Assert.Equal(["10.0.0.2", "10.0.0.4"], destination.Select(r => r.Key));
        Assert.Equal(1, destination[0].Values![0]); // one source
        Assert.Equal(1500, destination[0].Values![1], 6); // the IP length the datagram builder writes
        var network = Assert.Single(Assert.Single(shard.FindFlow("net")!.Tables).Value.Top(5, last));
        Assert.Equal(("17", 2.0), (network.Key, network.Value)); // 10.0.0.1 and 10.0.0.3
    }

    [Fact]
    public void Process_LinkKeysHostLearningAndEdgeShares_AllocatesNothing()
    {
        var options = new EngineOptions();
        var topology = new NetworkTopology(options, 1, () => [], null);
        topology.Set(TwoSwitchFabric.Json);
        var shard = new Shard(0, options, () => 0, topology: topology);
        var services = new FlowLanguageServices { Links = topology };
        shard.SetFlow(new ShardFlow("links", new FlowDefinition { Keys = "null:[link:inputifindex]:edge,link:outputifindex", Value = "bytes" }.Compile(services)));
        shard.SetFlow(new ShardFlow("ingress", new FlowDefinition { Keys = "ipsource", Value = "frames", Filter = "direction=ingress&link:inputifindex=null" }.Compile(services)));
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var frames = new TestFrame[] { new("0000000000A1", "0000000000A3", "10.0.0.1", "10.0.0.3", 1000), new("0000000000A2", "0000000000A3", "10.0.0.2", "10.0.0.3", 500) };
        var datagrams = Enumerable.Range(1, 12_000)
            .Select(i => i % 2 == 0
                ? EngineDatagrams.Crossing(TwoSwitchFabric.S1, (uint)i, 100, dataSource: 10, input: 1, output: 10, frames) // egress onto the link
                : EngineDatagrams.Crossing(TwoSwitchFabric.S1, (uint)i, 100, dataSource: 1, input: 1, output: 10, frames)) // ingress at the edge
            .ToArray();

        for (var i = 0; i < 2_000; i++)
        {
            shard.Process(datagrams[i], source, now + (i * 100));
        }

        SteadyState.AssertAllocatesNothing(3_000, i => shard.Process(datagrams[2_000 + i], source, now + ((2_000 + i) * 100)));
        var last = now + (4_999 * 100);
        var links = shard.FindFlow("links")!.Tables.Values.SelectMany(t => t.All(last)).Select(r => r.Key).Distinct().Order();
        Assert.Equal(["edge,s1-s2"], links); // came in at swp1 (an edge port), left by swp10 (the link)
        Assert.Single(shard.FindFlow("ingress")!.Tables); // only the ingress samples at swp1 pass
        Assert.Equal(2, shard.Hosts.Count); // h1 and h2 at s1 swp1
        Assert.Empty(shard.FindFlow("links")!.Tables.Single(t => t.Key.SourceIndex == 10).Value.Entering(last)); // egress: entered elsewhere
    }
}
