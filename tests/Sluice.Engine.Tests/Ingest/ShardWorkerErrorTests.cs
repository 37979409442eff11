using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

/// <summary>
/// A defect met by one datagram (here an enrichment that throws for one address) must not end the shard's worker:
/// the datagram is skipped and counted, the exception reported once, and the datagrams after it are processed.
/// </summary>
public sealed class ShardWorkerErrorTests
{
    private const string Poison = "203.0.113.66";

    [Fact]
    public void Run_ProcessingThrows_DatagramSkippedCountedReportedAndWorkerCarriesOn()
    {
        var reported = new List<Exception>();
        var options = new EngineOptions { WorkerErrorReporter = reported.Add };
        using var shard = new Shard(0, options, () => 1);
        var services = new FlowLanguageServices { Addresses = new ThrowingEnrichment() };
        shard.SetFlow(new ShardFlow("countries", new FlowDefinition { Keys = "ipsource,null:[country:ipsource]:unknown", Value = "bytes" }.Compile(services)));
        var sender = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var datagrams = new[]
        {
            EngineDatagrams.Flows("192.0.2.1", 1, 100, 1, ("10.0.0.1", "10.0.0.2", 1000)),
            EngineDatagrams.Flows("192.0.2.1", 2, 100, 1, (Poison, "10.0.0.2", 1000)),
            EngineDatagrams.Flows("192.0.2.1", 3, 100, 1, (Poison, "10.0.0.2", 1000)),
            EngineDatagrams.Flows("192.0.2.1", 4, 100, 1, ("10.0.0.3", "10.0.0.2", 1000)),
        };
        foreach (var datagram in datagrams)
        {
            Assert.True(shard.Submit(datagram, sender, now));
        }

        shard.Complete();
        var worker = new Thread(shard.Run);
        worker.Start();
        Assert.True(worker.Join(TimeSpan.FromSeconds(30)), "the worker did not finish");

        Assert.Equal(2, shard.Statistics.ProcessingErrors);
        var error = Assert.Single(reported);
        Assert.Contains(Poison, error.Message, StringComparison.Ordinal);
        Assert.True(shard.TryFindAgent(EngineDatagrams.Address("192.0.2.1"), out var agent));
        var table = shard.FindFlow("countries")!.TableFor(agent!.FindDataSource(0, 1)!, now);
        var keys = table.All(now).Select(f => f.Key).Order().ToList();
        Assert.Equal(["10.0.0.1,unknown", "10.0.0.3,unknown"], keys);
    }

    private sealed class ThrowingEnrichment : IAddressEnrichment
    {
        public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
        {
            country = "";
            return address.SequenceEqual(System.Net.IPAddress.Parse(Poison).GetAddressBytes())
                ? throw new InvalidOperationException($"defect on {Poison}")
                : false;
        }

        public bool TryGetAsn(ReadOnlySpan<byte> address, out uint asn)
        {
            asn = 0;
            return false;
        }

        public bool TryGetAsnName(ReadOnlySpan<byte> address, out string name)
        {
            name = "";
            return false;
        }
    }
}
