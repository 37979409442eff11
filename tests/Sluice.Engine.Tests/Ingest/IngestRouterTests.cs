using System.Net;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class IngestRouterTests
{
    [Fact]
    public void ShardOf_FourAgentsOnTwoShards_PlacesTwoOnEach()
    {
        using var shards = new ShardSet(2);
        var router = new IngestRouter(shards.Shards);

        var owners = Enumerable.Range(1, 4).Select(i => router.ShardOf(Agent($"192.0.2.{i}"))).ToArray();

        Assert.Equal([0, 1, 0, 1], owners);
    }

    [Fact]
    public void ShardOf_SameAgentAgain_StaysOnItsShard()
    {
        using var shards = new ShardSet(3);
        var router = new IngestRouter(shards.Shards);
        var first = Enumerable.Range(1, 7).Select(i => router.ShardOf(Agent($"10.0.0.{i}"))).ToArray();

        var again = Enumerable.Range(1, 7).Reverse().Select(i => router.ShardOf(Agent($"10.0.0.{i}"))).Reverse().ToArray();

        Assert.Equal(first, again);
        Assert.Equal([3, 2, 2], first.CountBy(s => s).OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void ShardOf_PastTheAgentLimit_PlacesByHash()
    {
        using var shards = new ShardSet(2);
        var router = new IngestRouter(shards.Shards, maxAgents: 2);
        router.ShardOf(Agent("192.0.2.1"));
        router.ShardOf(Agent("192.0.2.2"));

        var spoofed = Agent("198.51.100.7");
        var owner = router.ShardOf(spoofed);

        Assert.Equal((int)((uint)spoofed.GetHashCode() % 2), owner);
        Assert.Equal(owner, router.ShardOf(spoofed));
    }

    [Fact]
    public void ShardOf_FullTableAMinuteLater_ForgetsAgentsNoShardHolds()
    {
        using var shards = new ShardSet(2);
        var now = 0L;
        var router = new IngestRouter(shards.Shards, maxAgents: 2, () => now);
        var held = Agent("192.0.2.1");
        var heldOwner = router.ShardOf(held);
        router.ShardOf(Agent("192.0.2.2"));
        // The first agent's datagram reaches its shard; the second's never did (the shard refused it, or it expired).
        shards.Shards[heldOwner].Process(EngineDatagrams.Mixed("192.0.2.1", 1), Agent("127.0.0.1"), 1000);
        // An agent whose hash would put it with the held one, so only balancing sends it to the other shard.
        var newcomer = Enumerable.Range(1, 50).Select(i => Agent($"198.51.100.{i}")).First(a => (int)((uint)a.GetHashCode() % 2) == heldOwner);

        now = 30_000;
        Assert.Equal(heldOwner, router.ShardOf(newcomer));

        now = 61_000;
        var late = Enumerable.Range(51, 50).Select(i => Agent($"198.51.100.{i}")).First(a => (int)((uint)a.GetHashCode() % 2) == heldOwner);
        Assert.Equal(1 - heldOwner, router.ShardOf(late));
        Assert.Equal(heldOwner, router.ShardOf(held));
    }

    [Fact]
    public void Submit_DatagramsOfTwoAgents_ReachTwoShards()
    {
        using var shards = new ShardSet(2);
        var router = new IngestRouter(shards.Shards);
        var source = Agent("127.0.0.1");

        Assert.True(router.Submit(EngineDatagrams.Mixed("192.0.2.1", 1), source, 1000));
        Assert.True(router.Submit(EngineDatagrams.Mixed("192.0.2.2", 1), source, 1000));

        Assert.All(shards.Shards, s => Assert.Equal(1, s.QueueLength));
    }

    private static SflowAddress Agent(string address) => SflowAddress.FromIPv4(IPAddress.Parse(address).GetAddressBytes());

    private sealed class ShardSet : IDisposable
    {
        public ShardSet(int count) =>
            Shards = [.. Enumerable.Range(0, count).Select(i => new Shard(i, new EngineOptions(), () => 0))];

        public Shard[] Shards { get; }

        public void Dispose()
        {
            foreach (var shard in Shards)
            {
                shard.Dispose();
            }
        }
    }
}
