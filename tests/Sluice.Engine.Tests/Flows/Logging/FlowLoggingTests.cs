using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Flows;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Export.Ipfix;
using Sluice.Engine.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Logging;

public sealed class FlowLoggingTests
{
    [Fact]
    public async Task Engine_LoggedAndExportedDefinition_WorkerEndsIdleFlowsIntoTheLogAndIpfix()
    {
        using var collector = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 2 });
        engine.Flows.Set("pair", new FlowDefinition
        {
            Keys = "ipsource,ipdestination,udpdestinationport",
            Value = "bytes",
            Log = true,
            IpfixCollectors = [$"127.0.0.1:{((IPEndPoint)collector.Client.LocalEndPoint!).Port}"],
        });

        // Traffic that ended a minute ago, queued before the workers start so that they take it in one go: their
        // first sweep then finds every flow whole and idle.
        var then = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        for (uint i = 1; i <= 10; i++)
        {
            engine.Ingest.Submit(
                EngineDatagrams.Flows("192.0.2.1", i, 100, 3, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500)),
                EngineDatagrams.Address("127.0.0.1"),
                then + (i * 100));
        }

        engine.Start(listen: false);

        var records = await engine.FlowLogging.Log.WaitAsync(-1, 10, null, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        while (records.Count < 2)
        {
            records = [.. records, .. await engine.FlowLogging.Log.WaitAsync(records[0].FlowId, 10, null, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)];
        }

        var byKey = records.ToDictionary(r => r.FlowKeys);
        Assert.Equal(1_000_000, byKey["10.0.0.1,10.0.0.2,53"].Value);
        Assert.Equal(500_000, byKey["10.0.0.3,10.0.0.4,53"].Value);
        Assert.Equal(then + 100, byKey["10.0.0.1,10.0.0.2,53"].Start);
        Assert.Equal(then + 1000, byKey["10.0.0.1,10.0.0.2,53"].End);

        var exported = new List<List<(ushort Element, byte[] Value)>>();
        Dictionary<ushort, List<(ushort Element, ushort Length)>>? templates = null;
        while (exported.Count < 2)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var message = new IpfixDecoded((await collector.ReceiveAsync(timeout.Token)).Buffer, templates);
            templates = message.Templates;
            exported.AddRange(message.Records);
        }

        var flows = exported.Select(r => r.ToDictionary(f => f.Element, f => f.Value))
            .ToDictionary(f => new IPAddress(f[8]).ToString(), f => (Bytes: IpfixDecoded.Number(f[1]), Packets: IpfixDecoded.Number(f[2]), Port: IpfixDecoded.Number(f[11])));
        Assert.Equal((1_000_000UL, 1_000UL, 53UL), flows["10.0.0.1"]);
        Assert.Equal((500_000UL, 1_000UL, 53UL), flows["10.0.0.3"]);
    }

    [Fact]
    public async Task Set_IpfixCollectorsWithOtherKey_ThrowsAndKeepsNothing()
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1 });

        var error = Assert.Throws<FlowSyntaxException>(() => engine.Flows.Set("bad", new FlowDefinition
        {
            Keys = "ipsource,dnsqname",
            Value = "bytes",
            IpfixCollectors = ["127.0.0.1"],
        }));

        Assert.Equal("dnsqname", error.Token);
        Assert.Null(engine.Flows.TryGet("bad"));
        Assert.Empty(engine.FlowLogging.Exporters);
    }

    [Fact]
    public async Task Remove_ExportedDefinition_StopsItsExporter()
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 1 });
        engine.Flows.Set("f", new FlowDefinition { Keys = "ipsource", Value = "frames", IpfixCollectors = ["127.0.0.1:9"] });
        var exporter = engine.FlowLogging.Exporters["f"];
        engine.Flows.Set("f", new FlowDefinition { Keys = "ipsource", Value = "frames", IpfixCollectors = ["127.0.0.1:9"] });
        var replacement = engine.FlowLogging.Exporters["f"];

        Assert.NotSame(exporter, replacement);
        Assert.NotEqual(exporter.ObservationDomain, replacement.ObservationDomain);
        Assert.True(engine.Flows.Remove("f"));
        Assert.Empty(engine.FlowLogging.Exporters);
    }

    [Fact]
    public void Process_LoggedFlowSamples_AllocatesNothing()
    {
        var shard = new Shard(0, new EngineOptions(), () => 0);
        var logging = new Sluice.Engine.Flows.Logging.FlowLogging(new());
        var flow = new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Log = true, ActiveTimeout = 100_000 }.Compile();
        shard.SetFlow(new ShardFlow("pair", flow, logging.CreateCache("pair", flow, null)));
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var datagrams = Enumerable.Range(1, 12_000)
            .Select(i => EngineDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500)))
            .ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            shard.Process(datagrams[i], source, now + (i * 10));
        }

        SteadyState.AssertAllocatesNothing(3_000, i => shard.Process(datagrams[2_000 + i], source, now + ((2_000 + i) * 10)));

        Assert.Equal(2, shard.FindFlow("pair")!.Log!.Count);
        shard.SweepFlowLogs(now + 1_000_000);
        Assert.Equal(2, logging.Log.LastFlowId);
    }
}
