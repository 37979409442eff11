using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class SluiceEngineTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Submit_DatagramsFromTwoAgents_TracksEachAgentAndItsDataSources()
    {
        await using var engine = Started();
        var source = EngineDatagrams.Address("127.0.0.1");
        for (uint i = 1; i <= 10; i++)
        {
            engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.1", i, i), source, Now + (i * 1000));
            engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.2", i, i, samplingRate: 2048), source, Now + (i * 1000));
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, engine.AgentCount);
        var agent = engine.FindAgent(EngineDatagrams.Address("192.0.2.2"))!;
        Assert.Equal(10, agent.Datagrams);
        Assert.Equal(10, agent.FlowSamples);
        Assert.Equal(20, agent.CounterSamples);
        Assert.Equal(0, agent.DatagramsLost + agent.DatagramDuplicates + agent.DatagramsOutOfOrder + agent.ParseErrors);
        Assert.Equal(["2.1", "3"], agent.DataSources.Select(d => d.Name).Order(StringComparer.Ordinal));
        var port = agent.FindDataSource(0, 3)!;
        Assert.Equal(2048u, port.SamplingRate);
        Assert.Equal(10, port.FlowSamples);
        Assert.Equal(10, port.CounterSamples);
        Assert.Equal(1000, port.PollingIntervalMs);
    }

    [Fact]
    public async Task Submit_GapsRepeatsAndLateDatagrams_AreCountedPerAgent()
    {
        await using var engine = Started(shards: 1);
        var source = EngineDatagrams.Address("127.0.0.1");
        foreach (var sequence in new uint[] { 1, 2, 5, 5, 4, 6 })
        {
            engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.1", sequence, sequence), source, Now);
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var agent = engine.FindAgent(EngineDatagrams.Address("192.0.2.1"))!;
        Assert.Equal(6, agent.Datagrams);
        Assert.Equal(2, agent.DatagramsLost);
        Assert.Equal(1, agent.DatagramDuplicates);
        Assert.Equal(1, agent.DatagramsOutOfOrder);
        var port = agent.FindDataSource(0, 3)!;
        Assert.Equal(2, port.FlowSamplesLost);
        Assert.Equal(1, port.FlowSampleDuplicates);
        Assert.Equal(1, port.CounterSampleOutOfOrder);
    }

    [Fact]
    public async Task Submit_BadDatagramsFromOneAgent_DoNotDisturbAnother()
    {
        await using var engine = Started(shards: 1);
        var source = EngineDatagrams.Address("127.0.0.1");
        for (uint i = 1; i <= 5; i++)
        {
            var broken = EngineDatagrams.Mixed("192.0.2.66", i, i);
            engine.Ingest.Submit(broken.AsSpan(0, broken.Length - 30), source, Now);
            engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.1", i, i), source, Now);
            engine.Ingest.Submit([0, 0, 0, 9, 1, 2, 3, 4], source, Now);
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var good = engine.FindAgent(EngineDatagrams.Address("192.0.2.1"))!;
        var bad = engine.FindAgent(EngineDatagrams.Address("192.0.2.66"))!;
        Assert.Equal(0, good.ParseErrors);
        Assert.Equal(10, good.CounterSamples);
        Assert.Equal(5, bad.ParseErrors);
        Assert.Equal(5, bad.FlowSamples);
        Assert.Equal(5, engine.ShardStatistics.Sum(s => s.ParseErrors));
        Assert.Equal(5, engine.ShardStatistics.Sum(s => s.UnsupportedVersion));
    }

    [Fact]
    public async Task Submit_QueueFull_DropsAndCounts()
    {
        // The smallest queue (128 KiB) and no worker started: it fills and then drops.
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1, QueueBytes = 1 });
        var source = EngineDatagrams.Address("127.0.0.1");
        var datagram = EngineDatagrams.Mixed("192.0.2.1", 1);
        var perEntry = 32 + ((datagram.Length + 7) & ~7);

        var accepted = Enumerable.Range(0, 2000).Count(_ => engine.Ingest.Submit(datagram, source, Now));

        Assert.Equal(128 * 1024 / perEntry, accepted);
        Assert.Equal(2000 - accepted, engine.ShardStatistics.Sum(s => s.QueueDrops));
        Assert.Equal(accepted, engine.QueuedDatagrams);
    }

    [Fact]
    public async Task Expire_SilentAgents_AreForgotten()
    {
        await using var engine = Started();
        var source = EngineDatagrams.Address("127.0.0.1");
        engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.1", 1), source, Now);
        engine.Ingest.Submit(EngineDatagrams.Mixed("192.0.2.2", 1), source, Now + 240_000);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        engine.Expire(Now + 330_000);

        Assert.Null(engine.FindAgent(EngineDatagrams.Address("192.0.2.1")));
        Assert.NotNull(engine.FindAgent(EngineDatagrams.Address("192.0.2.2")));
    }

    [Fact]
    public async Task Submit_MoreAgentsThanAllowed_CountsTheRest()
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1, MaxAgents = 3 });
        engine.Start(listen: false);
        var source = EngineDatagrams.Address("127.0.0.1");
        for (var i = 1; i <= 5; i++)
        {
            engine.Ingest.Submit(EngineDatagrams.Mixed($"192.0.2.{i}", 1), source, Now);
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, engine.AgentCount);
        Assert.Equal(2, engine.ShardStatistics.Sum(s => s.AgentLimitDrops));
    }

    [Fact]
    public async Task Receiver_DatagramsOnLoopback_ReachTheAgents()
    {
        await using var engine = new SluiceEngine(new EngineOptions { SflowHostname = "127.0.0.1", SflowPort = 0 });
        engine.Start(listen: true);
        var port = engine.Receiver!.LocalEndPoint.Port;
        using var client = new UdpClient(AddressFamily.InterNetwork);
        for (uint i = 1; i <= 50; i++)
        {
            await client.SendAsync(EngineDatagrams.Mixed("10.1.2.3", i, i), new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (engine.FindAgent(EngineDatagrams.Address("10.1.2.3")) is not { Datagrams: 50 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var agent = engine.FindAgent(EngineDatagrams.Address("10.1.2.3"))!;
        Assert.Equal(50, agent.Datagrams);
        Assert.Equal("127.0.0.1", agent.LastSource.ToString());
        Assert.Equal(50, engine.Receiver.Received);
        Assert.True(engine.Receiver.ReceiveBufferBytes > 0);
    }

    private static SluiceEngine Started(int shards = 2)
    {
        var engine = new SluiceEngine(new EngineOptions { Shards = shards });
        engine.Start(listen: false);
        return engine;
    }
}
