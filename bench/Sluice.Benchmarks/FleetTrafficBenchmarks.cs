using BenchmarkDotNet.Attributes;
using Sluice.Engine;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Engine.Generator;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Xdr;

namespace Sluice.Benchmarks;

/// <summary>
/// A shard worker's cost per datagram on generated traffic rather than one repeated datagram: 20,000 datagrams from
/// <see cref="AgentFleet"/> (4 switches of 48 ports, 10,000 conversations, sampling headers and counters), replayed
/// through a shard with 0 or 10 definitions (<see cref="TenFlows"/>). Hundreds of data sources and thousands of keys
/// make the flow tables miss the CPU cache as they do under real load, which the single-datagram
/// <see cref="FlowUpdateBenchmarks"/> cannot show. Results are per datagram.
/// </summary>
[MemoryDiagnoser]
public class FleetTrafficBenchmarks : IDisposable
{
    private const int PoolSize = 20_000;
    private const int PerOperation = 1_000;

    private readonly SflowAddress _source = SflowAddress.FromIPv4([127, 0, 0, 1]);
    private byte[][] _pool = [];
    private Shard _shard = null!;
    private AddressEnrichment _enrichment = null!;
    private long _now;
    private int _next;

    [Params(0, 10)]
    public int Definitions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fleet = new AgentFleet(new FleetOptions { Agents = 4, Hosts = 0, Conversations = 10_000 });
        var buffer = new byte[fleet.MaxDatagramSize];
        _pool = new byte[PoolSize][];
        for (var i = 0; i < PoolSize; i++)
        {
            var length = fleet.Fill(buffer, long.MaxValue, out _);
            _pool[i] = buffer.AsSpan(0, length).ToArray();
        }

        _enrichment = AddressEnrichment.Load(EnrichmentFiles.Locate());
        // Measure the steady state: country lookups from the flattened ranges, not the database.
        _enrichment.WaitUntilIndexed(TimeSpan.FromMinutes(1));
        var services = new FlowLanguageServices { Addresses = _enrichment };
        _shard = new Shard(0, new EngineOptions(), () => 4);
        foreach (var (name, definition) in TenFlows.Definitions.Take(Definitions))
        {
            _shard.SetFlow(new ShardFlow(name, definition.Compile(services)));
        }

        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // One pass fills the tables, so the measured passes see the steady state.
        for (var i = 0; i < PoolSize; i++)
        {
            Process();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _shard.Dispose();
        _enrichment.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "generated datagram through a shard", OperationsPerInvoke = PerOperation)]
    public void ProcessMany()
    {
        for (var i = 0; i < PerOperation; i++)
        {
            Process();
        }
    }

    private void Process()
    {
        // 20 datagrams per millisecond: 20,000 datagrams/s of fleet time.
        var datagram = _pool[_next];
        _next = (_next + 1) % PoolSize;
        _shard.Process(datagram, _source, _now + (_next / 20));
        if (_next == 0)
        {
            _now += PoolSize / 20;
        }
    }
}
