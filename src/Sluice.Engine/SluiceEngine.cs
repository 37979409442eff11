using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Engine.Metrics;
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
        var count = Math.Max(1, options.Shards);
        _forwarding = new ForwardingHub(options.Forwarding ?? new ForwardingOptions(), count, () => _receiver?.LocalEndPoint, PortByName);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++)
        {
            _shards[i] = new Shard(i, options, () => AgentCount, _forwarding);
        }

        _router = new IngestRouter(_shards);
        Flows = new FlowDefinitions(_shards, flowServices ?? FlowLanguageServices.None);
        StartedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public EngineOptions Options { get; }

    /// <summary>The named flow definitions the workers evaluate on every flow and discard sample.</summary>
    public FlowDefinitions Flows { get; }

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
    }

    /// <summary>
    /// The agents an sFlow-RT <c>{agent}</c> path segment names: <c>ALL</c>, or addresses joined with <c>;</c>
    /// (sFlow-RT's separator) or <c>,</c>. Unknown names select nothing.
    /// </summary>
    public IEnumerable<AgentState> SelectAgents(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            return Agents;
        }

        var wanted = selector.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = new List<AgentState>(wanted.Length);
        foreach (var name in wanted)
        {
            if (System.Net.IPAddress.TryParse(name, out var ip) && FindAgent(SflowAddress.FromIPAddress(ip)) is { } agent)
            {
                found.Add(agent);
            }
        }

        return found;
    }

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
    /// sFlow-RT's <c>activeFlows</c>: the largest flows of definition <paramref name="name"/> over the data sources of the
    /// agents <paramref name="agentSelector"/> names, largest first. A key seen at several data sources counts once with its
    /// largest value (<c>max</c>, the default) or with the sum of its values (<c>sum</c>).
    /// </summary>
    /// <param name="nowUnixMs">Time the rates are decayed to (default: now).</param>
    public IReadOnlyList<ActiveFlow> ActiveFlows(string agentSelector, string name, int maxFlows, double minValue = 0, string? aggMode = null, long? nowUnixMs = null)
    {
        ArgumentNullException.ThrowIfNull(agentSelector);
        ArgumentNullException.ThrowIfNull(name);
        var now = nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sum = string.Equals(aggMode, "sum", StringComparison.OrdinalIgnoreCase);
        HashSet<SflowAddress>? agents = null;
        if (!agentSelector.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            agents = [.. SelectAgents(agentSelector).Select(a => a.Address)];
        }

        var merged = new Dictionary<string, (double Value, double Best, DataSourceState Source)>(StringComparer.Ordinal);
        foreach (var shard in _shards)
        {
            if (shard.FindFlow(name) is not { } flow)
            {
                continue;
            }

            foreach (var (source, table) in flow.Tables)
            {
                if (agents is not null && !agents.Contains(source.Agent))
                {
                    continue;
                }

                foreach (var rate in table.All(now))
                {
                    if (!merged.TryGetValue(rate.Key, out var entry))
                    {
                        merged[rate.Key] = (rate.Value, rate.Value, source);
                    }
                    else if (sum)
                    {
                        merged[rate.Key] = rate.Value > entry.Best
                            ? (entry.Value + rate.Value, rate.Value, source)
                            : (entry.Value + rate.Value, entry.Best, entry.Source);
                    }
                    else if (rate.Value > entry.Value)
                    {
                        merged[rate.Key] = (rate.Value, rate.Value, source);
                    }
                }
            }
        }

        var result = new List<ActiveFlow>();
        foreach (var (key, entry) in merged)
        {
            if (entry.Value >= minValue)
            {
                result.Add(new ActiveFlow(key, entry.Value, entry.Source.Agent.ToString(), entry.Source.Name));
            }
        }

        result.Sort((a, b) => b.Value.CompareTo(a.Value));
        if (result.Count > maxFlows)
        {
            result.RemoveRange(Math.Max(0, maxFlows), result.Count - Math.Max(0, maxFlows));
        }

        return result;
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

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
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
        return ValueTask.CompletedTask;
    }
}
