using Sluice.Engine.Agents;
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
    private Thread[] _workers = [];
    private UdpReceiver? _receiver;
    private bool _disposed;

    public SluiceEngine(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var count = Math.Max(1, options.Shards);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++)
        {
            _shards[i] = new Shard(i, options, () => AgentCount);
        }

        _router = new IngestRouter(_shards);
        StartedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public EngineOptions Options { get; }

    public long StartedUnixMs { get; }

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

        return ValueTask.CompletedTask;
    }
}
