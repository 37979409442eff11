using Sluice.Engine.Agents;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Fuzz;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>
/// One shard as a worker runs it, with the fuzz target's flow definitions (<see cref="IngestFlows"/>) plus
/// <see cref="GoodFlow"/>, a raw forwarding session and a tenant that both send to a loopback sink.
/// </summary>
internal sealed class IngestHarness : IDisposable
{
    /// <summary>The flow of the good datagrams' packets: <c>ipsource,ipdestination</c>, <c>bytes</c>, t = 2 s.</summary>
    public const string GoodFlow = "good";

    public static readonly SflowAddress Source = EngineDatagrams.Address("127.0.0.1");

    private readonly AddressEnrichment _enrichment = AddressEnrichment.Load(EnrichmentFiles.Locate());
    private readonly UdpSink _sink = new();
    private readonly ForwardingHub _hub = ForwardingHub.Standalone(new ForwardingOptions());

    public IngestHarness(EngineOptions? options = null)
    {
        _hub.Sessions.Set("raw", new ForwardingSpec { Address = _sink.Address, Port = _sink.Port });
        _hub.Tenants.Set("tenant", new TenantSpec
        {
            CollectorAddress = _sink.Address,
            CollectorPort = _sink.Port,
            Filters = new TenantFilters { Cidr = ["10.0.0.0/8", "198.18.0.0/15"], IfIndex = ["10.0.0.1_1"] },
        });
        Shard = new Shard(0, options ?? new EngineOptions(), () => Shard!.AgentCount, _hub);
        var services = new FlowLanguageServices { Addresses = _enrichment };
        foreach (var (name, definition) in IngestFlows.Definitions)
        {
            Shard.SetFlow(new ShardFlow(name, definition.Compile(services)));
        }

        Shard.SetFlow(new ShardFlow(GoodFlow, new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", Filter = "ipsource=198.18.0.1" }.Compile(services)));
    }

    public Shard Shard { get; }

    /// <summary>Processes the datagram as received from 127.0.0.1 at <paramref name="nowUnixMs"/>, then sends what forwarding gathered.</summary>
    public void Process(byte[] datagram, long nowUnixMs)
    {
        Shard.Process(datagram, Source, nowUnixMs);
        Shard.FlushForwarding();
        Shard.TickForwarding(Environment.TickCount64);
    }

    public AgentState? Agent(in SflowAddress address) => Shard.TryFindAgent(address, out var agent) ? agent : null;

    /// <summary>The good flow's rate on the good datagrams' data source of <paramref name="agent"/> (0 before any).</summary>
    public double GoodFlowRate(AgentState agent, long nowUnixMs)
    {
        var source = agent.FindDataSource(0, GoodDatagram.IfIndex);
        return source is not null
            && Shard.FindFlow(GoodFlow)!.Tables.TryGetValue(source, out var table)
            && table.TryGet(GoodDatagram.FlowKey, nowUnixMs, out var rate)
            ? rate.Value
            : 0;
    }

    public void Dispose()
    {
        Shard.Dispose();
        _hub.Dispose();
        _sink.Dispose();
        _enrichment.Dispose();
    }
}
