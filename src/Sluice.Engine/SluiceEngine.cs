using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Engine.Metrics;
using Sluice.Engine.Thresholds;
using Sluice.Engine.Topology;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine;

/// <summary>
/// The analytics engine: shards with their workers, the UDP receiver, and read access to agents and data
/// sources for the query side. Start it, submit datagrams (or let the receiver do it), read, dispose.
/// </summary>
public sealed class SluiceEngine : IAsyncDisposable
{
    private readonly Shard[] _shards;
    private readonly IngestRouter _router;
    private readonly ForwardingHub _forwarding;
    private Thread[] _workers = [];
    private UdpReceiver? _receiver;
    private bool _disposed;

    public SluiceEngine(EngineOptions options)
        : this(options, FlowLanguageServices.None)
    {
    }

    public SluiceEngine(EngineOptions options, FlowLanguageServices flowServices)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        flowServices ??= FlowLanguageServices.None;
        var count = Math.Max(1, options.Shards);
        _forwarding = new ForwardingHub(options.Forwarding ?? new ForwardingOptions(), count, () => _receiver?.LocalEndPoint, PortByName);
        Topology = new NetworkTopology(options, count, () => Agents, flowServices.Oui);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++)
        {
            _shards[i] = new Shard(i, options, () => AgentCount, _forwarding, Topology);
        }

        _router = new IngestRouter(_shards, options.MaxAgents);
        FlowLogging = new Flows.Logging.FlowLogging(options.FlowLog);
        Flows = new FlowDefinitions(_shards, flowServices with { Links = Topology }, FlowLogging, Options.MaxFlowDefinitions);
        FlowMetrics = new FlowMetrics(_shards, Flows);
        Events = new EventLog(options.EventLogCapacity);
        Thresholds = new ThresholdRegistry(() => Agents, FlowMetrics, Events);
        StartedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Topology.Load();
        SnmpNames = options.Snmp is { Enabled: true } snmp ? new Enrichment.Snmp.SnmpNames(snmp, () => Agents) : null;
    }

    /// <summary>The sysNames and ifNames agents gave by SNMP (<c>snmp.ifname=yes</c>); null when that is off.</summary>
    public Enrichment.Snmp.SnmpNames? SnmpNames { get; }

    public EngineOptions Options { get; }

    /// <summary>The named flow definitions the workers evaluate on every flow and discard sample.</summary>
    public FlowDefinitions Flows { get; }

    /// <summary>The log of completed flows (<c>log:true</c>, <c>/flows/json</c>, <c>setFlowHandler</c>) and the IPFIX exporters.</summary>
    public Flows.Logging.FlowLogging FlowLogging { get; }

    /// <summary>Flow definitions read as metrics: each data source's total flow rate and top keys.</summary>
    public FlowMetrics FlowMetrics { get; }

    /// <summary>sFlow-RT's thresholds, checked every <see cref="EngineOptions.ThresholdInterval"/> once started.</summary>
    public ThresholdRegistry Thresholds { get; }

    /// <summary>The events thresholds raised: a bounded log that REST long-polls and scripts subscribe to.</summary>
    public EventLog Events { get; }

    /// <summary>
    /// The installed network topology (<c>/topology/json</c>, the scripts' topology functions): nodes, ports and links
    /// mapped to agents and ifIndexes, the edge and core ports behind <c>EDGE</c>, <c>CORE</c> and <c>aggMode</c>, and
    /// the host MACs located at edge ports.
    /// </summary>
    public NetworkTopology Topology { get; }

    public long StartedUnixMs { get; }

    /// <summary>sFlow-RT's forwarding sessions: every datagram re-sent, unchanged, before decode.</summary>
    public ForwardingSessions Forwarding => _forwarding.Sessions;

    /// <summary>sFlow-RT's tenants: the matching samples, rebuilt into datagrams of their own.</summary>
    public Tenants Tenants => _forwarding.Tenants;

    /// <summary>Where datagrams enter: the receiver, replay and demo agents all submit here.</summary>
    public IDatagramSink Ingest => _router;

    /// <summary>The UDP receiver, once <see cref="Start"/> opened it (null when only replay or demo feed the engine).</summary>
    public UdpReceiver? Receiver => _receiver;

    public int AgentCount
    {
        get
        {
            var total = 0;
            foreach (var shard in _shards)
            {
                total += shard.AgentCount;
            }

            return total;
        }
    }

    public IEnumerable<ShardStatistics> ShardStatistics => _shards.Select(s => s.Statistics);

    /// <summary>Every agent, across shards (a live view: entries may come and go while enumerating).</summary>
    public IEnumerable<AgentState> Agents => _shards.SelectMany(s => s.Agents);

    /// <summary>Starts the workers and, when <paramref name="listen"/>, the UDP receiver.</summary>
    public void Start(bool listen = true)
    {
        _workers = _shards.Select(s => new Thread(s.Run) { IsBackground = true, Name = $"sflow-worker-{s.Index}" }).ToArray();
        foreach (var worker in _workers)
        {
            worker.Start();
        }

        if (listen)
        {
            _receiver = new UdpReceiver(Options, _router);
            _receiver.Start();
        }

        if (Options.ThresholdInterval > TimeSpan.Zero)
        {
            Thresholds.Start(TimeProvider.System, Options.ThresholdInterval);
        }

        Topology.StartResolving(TimeProvider.System, Options.TopologyResolveInterval);
        SnmpNames?.Start();
    }

    /// <summary>
    /// The data sources an sFlow-RT <c>{agent}</c> argument names (sflow-rt-api.md §1.0): items joined with <c>;</c>
    /// (sFlow-RT's separator) or <c>,</c>, each an agent address, <c>ALL</c>, <c>TOPOLOGY</c> (the topology's agents),
    /// <c>EDGE</c> (their data sources that are not ends of topology links; every data source of every agent when no
    /// topology is installed) or <c>CORE</c> (their interfaces that end a link). Unknown names select nothing.
    /// </summary>
    public AgentSelection Select(string selector) =>
        AgentSelection.Parse(selector, Topology.Current, () => Agents, address => FindAgent(address));

    /// <summary>The agents an sFlow-RT <c>{agent}</c> argument names (see <see cref="Select"/>, which also narrows data sources).</summary>
    public IEnumerable<AgentState> SelectAgents(string selector) => Select(selector).Agents;

    /// <summary>The counter metrics of every data source of <paramref name="agents"/>.</summary>
    public static IEnumerable<DataSourceMetrics> MetricsOf(IEnumerable<AgentState> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents)
        {
            foreach (var source in agent.DataSources)
            {
                if (source.Metrics is { } metrics)
                {
                    yield return metrics;
                }
            }
        }
    }

    /// <summary>
    /// sFlow-RT's <c>activeFlows</c>: the largest flows of definition <paramref name="name"/> over the data sources
    /// <paramref name="agentSelector"/> names (<see cref="Select"/>), largest first. <paramref name="aggMode"/> (else the
    /// definition's <c>aggMode</c>, else <c>max</c>) says how a key seen at several data sources counts: its largest
    /// value (<c>max</c>), its values combined (<c>sum</c>), the traffic that entered the network at edge ports, added
    /// up (<c>edge</c>), or its largest value on inter-switch ports (<c>core</c>); see <see cref="ActiveFlowMerge"/>.
    /// </summary>
    /// <param name="nowUnixMs">Time the rates are decayed to (default: now).</param>
    /// <param name="filter">Keeps only the flows whose keys pass (<see cref="FlowDefinitions.CompileKeyFilter"/>).</param>
    public IReadOnlyList<ActiveFlow> ActiveFlows(string agentSelector, string name, int maxFlows, double minValue = 0, string? aggMode = null, long? nowUnixMs = null, FlowKeyFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(agentSelector);
        ArgumentNullException.ThrowIfNull(name);
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var mode = ActiveFlowMerge.ParseMode(aggMode ?? Flows.TryGet(name)?.AggMode);
        var selection = Select(agentSelector);
        ActiveFlowMerge? merge = null;
        foreach (var (flow, source, table) in FlowTables(selection, name))
        {
            if (mode is FlowAggregation.Edge or FlowAggregation.Core && selection.IsCore(source) != (mode == FlowAggregation.Core))
            {
                continue;
            }

            merge ??= new ActiveFlowMerge(flow.Flow.Kinds, mode is FlowAggregation.Sum or FlowAggregation.Edge, filter);
            foreach (var rate in mode == FlowAggregation.Edge ? table.Entering(now) : table.All(now))
            {
                merge.Add(rate, source);
            }
        }

        return merge is null ? [] : merge.Result(minValue, maxFlows);
    }

    /// <summary>
    /// sFlow-RT's <c>flowValue</c>: the flow <paramref name="key"/> of definition <paramref name="name"/> at one data source
    /// (named as in <c>/flowvalue</c>, e.g. <c>22</c> or <c>2.1</c>) of one agent; null when that table does not hold the key.
    /// </summary>
    public FlowRate? FlowValueAt(string agent, string dataSource, string name, string key, long? nowUnixMs = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(key);
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (_, source, table) in FlowTables(Select(agent), name))
        {
            if (source.Name == dataSource && table.TryGet(key, now, out var rate))
            {
                return rate;
            }
        }

        return null;
    }

    /// <summary>sFlow-RT's <c>flowLocations</c>: every data source of the selected agents whose table holds <paramref name="key"/>, largest value first.</summary>
    public IReadOnlyList<FlowLocation> FlowLocations(string agentSelector, string name, string key, long? nowUnixMs = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var locations = new List<FlowLocation>();
        foreach (var (_, source, table) in FlowTables(Select(agentSelector), name))
        {
            if (table.TryGet(key, now, out var rate))
            {
                locations.Add(new FlowLocation(source.Agent.ToString(), source.Name, rate.Value, rate.Values));
            }
        }

        locations.Sort((a, b) => b.Value.CompareTo(a.Value));
        return locations;
    }

    /// <summary>
    /// <c>/flowkeys/json</c>: each flow key the decoders produced within the agent expiry time, with the ms since it was
    /// last seen.
    /// </summary>
    public IReadOnlyDictionary<string, long> FlowKeysSeen(long? nowUnixMs = null)
    {
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Span<long> lastSeen = stackalloc long[64];
        foreach (var shard in _shards)
        {
            shard.KeysSeen.MergeInto(lastSeen);
        }

        return FlowKeys.Seen(lastSeen, now, (long)Options.AgentExpiry.TotalMilliseconds);
    }

    /// <summary>
    /// sFlow-RT's <c>topologyLinkMetric</c>: each of <paramref name="metrics"/> (counter or flow metrics, optionally with an
    /// aggregation prefix) at end 1 of the link, then each at end 2, each named as asked; a statistic with
    /// <c>metricN</c> 0 where an end's agent or ifIndex is unknown or has no such metric. Empty for an unknown link.
    /// </summary>
    public IReadOnlyList<MetricStatistic> TopologyLinkMetric(string link, IReadOnlyList<string> metrics, long? nowUnixMs = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(metrics);
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (Topology.Current.LinkEnds(link) is not { } ends)
        {
            return [];
        }

        var specs = metrics.Select(MetricSpec.Parse).ToList();
        var result = new List<MetricStatistic>(2 * specs.Count);
        foreach (var end in ends)
        {
            if (end.Agent is null || end.IfIndex is not { } ifIndex)
            {
                result.AddRange(specs.Select(spec => new MetricStatistic { MetricName = spec.Text, MetricN = 0 }));
                continue;
            }

            // The end's data source is the spec's own: <aggregation>:<ifIndex>.<name>, reported under the name asked for.
            var selection = Select(end.Agent);
            var qualified = specs.Select(spec => string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{spec.Aggregation.ToString().ToLowerInvariant()}:{ifIndex}.{spec.Name}"));
            var statistics = MetricQuery.Statistics(selection.Metrics, qualified, null, now, FlowMetrics.For(selection));
            result.AddRange(statistics.Select((statistic, i) => statistic with { MetricName = specs[i].Text }));
        }

        return result;
    }

    /// <summary>The tables of definition <paramref name="name"/> at the data sources <paramref name="selection"/> takes.</summary>
    private IEnumerable<(ShardFlow Flow, DataSourceState Source, FlowTable Table)> FlowTables(AgentSelection selection, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var shard in _shards)
        {
            if (shard.FindFlow(name) is not { } flow)
            {
                continue;
            }

            foreach (var (source, table) in flow.Tables)
            {
                if (selection.IsAll || selection.Includes(source))
                {
                    yield return (flow, source, table);
                }
            }
        }
    }

    /// <summary>The ifIndex of the agent's interface named <paramref name="ifName"/> by its counters (port_name), if known.</summary>
    private uint? PortByName(SflowAddress agent, string ifName)
    {
        if (FindAgent(agent) is not { } state)
        {
            return null;
        }

        foreach (var source in state.DataSources)
        {
            if (source.SourceClass == 0 && source.Metrics is { } metrics
                && metrics.TryGetValue("ifname", out var reading) && reading.Text == ifName)
            {
                return source.SourceIndex;
            }
        }

        return null;
    }

    public AgentState? FindAgent(in SflowAddress address)
    {
        foreach (var shard in _shards)
        {
            if (shard.TryFindAgent(address, out var agent))
            {
                return agent;
            }
        }

        return null;
    }

    /// <summary>Forgets agents and data sources that have been silent too long as of <paramref name="nowUnixMs"/>.</summary>
    internal void Expire(long nowUnixMs)
    {
        foreach (var shard in _shards)
        {
            shard.Expire(nowUnixMs);
        }
    }

    /// <summary>Datagrams waiting in the shard queues.</summary>
    public int QueuedDatagrams => _shards.Sum(s => s.QueueLength);

    /// <summary>Kernel drops for the receiver's socket (0 without a receiver or outside Linux).</summary>
    public long KernelDrops => _receiver is null ? 0 : Sluice.Engine.Ingest.KernelDrops.Read(_receiver.LocalEndPoint.Port);

    /// <summary>Waits until every queued datagram has been decoded (for tests and replay).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var queued = _shards.Sum(s => s.Statistics.Queued);
            var decoded = _shards.Sum(s => s.Statistics.Decoded);
            if (queued == decoded)
            {
                return;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        throw new TimeoutException("the engine did not drain its queues in time");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (SnmpNames is not null)
        {
            await SnmpNames.DisposeAsync().ConfigureAwait(false);
        }

        Thresholds.Dispose();
        Topology.Dispose();
        _receiver?.Dispose();
        foreach (var shard in _shards)
        {
            shard.Complete();
        }

        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(5));
        }

        foreach (var shard in _shards)
        {
            shard.Dispose();
        }

        // Only now that no worker can send.
        _forwarding.Dispose();

        // After the workers: exporters send what the last flows queued, then close their sockets.
        await FlowLogging.DisposeAsync().ConfigureAwait(false);
    }
}
