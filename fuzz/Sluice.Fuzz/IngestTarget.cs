using System.Net;
using System.Net.Sockets;
using Sluice.Engine;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Xdr;

namespace Sluice.Fuzz;

/// <summary>
/// The whole ingest path a shard worker runs on a datagram from the network: raw forwarding to a session, decode,
/// agent and data-source bookkeeping, counter metrics, every flow definition of <see cref="IngestFlows"/>, tenant
/// re-encoding and the flush, then the query side's reads of what the datagram left behind.
/// </summary>
/// <remarks>
/// Each input gets a fresh shard, so a run depends on its input alone (afl++ wants stable paths). The input is
/// processed twice, a second later, so duplicate numbering and counter deltas are reached too. Forwarded copies go
/// to a loopback socket nobody reads: the kernel discards them once its buffer is full.
/// </remarks>
public sealed class IngestTarget : IDisposable
{
    private static readonly SflowAddress Source = SflowAddress.FromIPv4([127, 0, 0, 1]);
    private readonly Socket _discard = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly AddressEnrichment _enrichment;
    private readonly ForwardingHub _hub;
    private readonly CompiledFlow[] _flows;
    private readonly string[] _names;
    private readonly EngineOptions _options = new() { QueueBytes = 0, MaxAgents = 16, MaxDataSourcesPerAgent = 64 };

    public IngestTarget()
    {
        _discard.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _discard.ReceiveBufferSize = 4096;
        var port = ((IPEndPoint)_discard.LocalEndPoint!).Port;
        _hub = ForwardingHub.Standalone(new ForwardingOptions { Allow = [AddressBlock.Parse("127.0.0.0/8")] });
        _hub.Sessions.Set("raw", new ForwardingSpec { Address = "127.0.0.1", Port = port });
        _hub.Tenants.Set("tenant", new TenantSpec
        {
            CollectorAddress = "127.0.0.1",
            CollectorPort = port,
            Filters = new TenantFilters { Cidr = ["10.0.0.0/8", "2001:db8::/32"], IfIndex = ["10.0.0.1_1"], Mac = ["001122334455"] },
        });
        _enrichment = AddressEnrichment.Load(EnrichmentFiles.Locate());
        var services = new FlowLanguageServices { Addresses = _enrichment };
        _flows = [.. IngestFlows.Definitions.Select(d => d.Definition.Compile(services))];
        _names = [.. IngestFlows.Definitions.Select(d => d.Name)];
    }

    public void Run(ReadOnlySpan<byte> datagram)
    {
        using var shard = new Shard(0, _options, () => 0, _hub);
        for (var i = 0; i < _flows.Length; i++)
        {
            shard.SetFlow(new ShardFlow(_names[i], _flows[i]));
        }

        const long start = 1_700_000_000_000;
        shard.Process(datagram, Source, start);
        shard.Process(datagram, Source, start + 1000);
        shard.FlushForwarding();
        shard.TickForwarding(Environment.TickCount64 + 60_000);
        Read(shard, start + 2000);
        shard.Expire(start + 3_600_000);
    }

    public void Dispose()
    {
        _hub.Dispose();
        _enrichment.Dispose();
        _discard.Dispose();
    }

    /// <summary>What REST and the UI read after the datagram: every metric, every flow table's top and totals.</summary>
    private static void Read(Shard shard, long now)
    {
        foreach (var agent in shard.Agents)
        {
            foreach (var source in agent.DataSources)
            {
                source.Metrics?.ReadAll();
            }
        }

        foreach (var flow in shard.Flows)
        {
            foreach (var table in flow.Tables.Values)
            {
                table.Top(20, now);
                table.Total(now);
                table.Entering(now);
            }
        }
    }
}
