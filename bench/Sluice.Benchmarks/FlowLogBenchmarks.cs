using BenchmarkDotNet.Attributes;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Engine.Flows.Logging;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Xdr;

namespace Sluice.Benchmarks;

/// <summary>
/// What <c>log:true</c> adds to a shard worker's cost per datagram: the switch datagram (7 flow samples) through one
/// five-tuple definition, with and without flow logging. The flows are already tracked, as in steady traffic.
/// </summary>
[MemoryDiagnoser]
public class FlowLogBenchmarks : IDisposable
{
    private readonly byte[] _datagram = BenchmarkDatagrams.SwitchFlows();
    private readonly SflowAddress _source = SflowAddress.FromIPv4([127, 0, 0, 1]);
    private Shard _shard = null!;
    private long _now;

    [Params(false, true)]
    public bool Logged { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _shard = new Shard(0, new EngineOptions(), () => 1);
        var definition = new FlowDefinition
        {
            Keys = "ipsource,ipdestination,ipprotocol,or:tcpdestinationport:udpdestinationport",
            Value = "bytes",
            Log = Logged,
            ActiveTimeout = int.MaxValue / 1000,
        };
        var flow = definition.Compile();
        var logging = new FlowLogging(new FlowLogOptions());
        _shard.SetFlow(new ShardFlow("five-tuple", flow, logging.CreateCache("five-tuple", flow, null)));
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _shard.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "switch datagram (7 flow samples), one five-tuple definition")]
    public void Process() => _shard.Process(_datagram, _source, ++_now);
}
