using BenchmarkDotNet.Attributes;
using Sluice.Engine;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Xdr;

namespace Sluice.Benchmarks;

/// <summary>
/// What flow definitions add to a shard worker's cost per datagram: the switch datagram (7 flow samples) decoded and
/// fed to 0, 1 or 10 definitions (<see cref="TenFlows"/>). The per-sample cost of a definition is the difference from
/// 0 definitions divided by 7 samples (and by 10 for the ten).
/// </summary>
[MemoryDiagnoser]
public class FlowUpdateBenchmarks : IDisposable
{
    private readonly byte[] _datagram = BenchmarkDatagrams.SwitchFlows();
    private readonly SflowAddress _source = SflowAddress.FromIPv4([127, 0, 0, 1]);
    private Shard _shard = null!;
    private AddressEnrichment _enrichment = null!;
    private long _now;

    [Params(0, 1, 10)]
    public int Definitions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _enrichment = AddressEnrichment.Load(EnrichmentFiles.Locate());
        // Measure the steady state: country lookups from the flattened ranges, not the database.
        _enrichment.WaitUntilIndexed(TimeSpan.FromMinutes(1));
        var services = new FlowLanguageServices { Addresses = _enrichment };
        _shard = new Shard(0, new EngineOptions(), () => 1);
        foreach (var (name, definition) in TenFlows.Definitions.Take(Definitions))
        {
            _shard.SetFlow(new ShardFlow(name, definition.Compile(services)));
        }

        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _shard.Dispose();
        _enrichment.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "switch datagram (7 flow samples) through a shard")]
    public void Process() => _shard.Process(_datagram, _source, ++_now);
}
