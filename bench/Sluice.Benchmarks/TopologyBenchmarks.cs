using BenchmarkDotNet.Attributes;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Engine.Ingest;
using Sluice.Engine.Topology;
using Sluice.Sflow.Xdr;

namespace Sluice.Benchmarks;

/// <summary>
/// What a topology adds to a shard worker's cost per datagram: the switch datagram (7 flow samples, in on ifIndex 12,
/// out on 20..26) through one <c>link:outputifindex,ipsource</c> definition, with the topology installed (ports 20..26
/// end links) and, for comparison, without one (every <c>link:</c> missing). Host learning runs in both.
/// </summary>
[MemoryDiagnoser]
public class TopologyBenchmarks : IDisposable
{
    private const string Fabric = """
        {"nodes":{"leaf":{"agent":"192.0.2.10","ports":{"p12":{"ifindex":12},"p20":{"ifindex":20},"p21":{"ifindex":21},"p22":{"ifindex":22},
          "p23":{"ifindex":23},"p24":{"ifindex":24},"p25":{"ifindex":25},"p26":{"ifindex":26}}}},
         "links":{"l20":{"node1":"leaf","port1":"p20","node2":"spine","port2":"s20"},"l21":{"node1":"leaf","port1":"p21","node2":"spine","port2":"s21"},
          "l22":{"node1":"leaf","port1":"p22","node2":"spine","port2":"s22"},"l23":{"node1":"leaf","port1":"p23","node2":"spine","port2":"s23"},
          "l24":{"node1":"leaf","port1":"p24","node2":"spine","port2":"s24"},"l25":{"node1":"leaf","port1":"p25","node2":"spine","port2":"s25"},
          "l26":{"node1":"leaf","port1":"p26","node2":"spine","port2":"s26"}}}
        """;

    private readonly byte[] _datagram = BenchmarkDatagrams.SwitchFlows();
    private readonly SflowAddress _source = SflowAddress.FromIPv4([127, 0, 0, 1]);
    private NetworkTopology _topology = null!;
    private Shard _shard = null!;
    private long _now;

    [Params(false, true)]
    public bool Installed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EngineOptions();
        _topology = new NetworkTopology(options, 1, () => [], null);
        if (Installed)
        {
            _topology.Set(Fabric);
        }

        _shard = new Shard(0, options, () => 1, topology: _topology);
        var definition = new FlowDefinition { Keys = "link:outputifindex,ipsource", Value = "bytes" };
        _shard.SetFlow(new ShardFlow("links", definition.Compile(new FlowLanguageServices { Links = _topology })));
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _shard.Dispose();
        _topology.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "switch datagram (7 flow samples), one link: definition")]
    public void Process() => _shard.Process(_datagram, _source, ++_now);
}
