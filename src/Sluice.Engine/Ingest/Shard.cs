using System.Collections.Concurrent;
using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Topology;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// A share of the agents with its own bounded queue and its own worker. Every datagram of an agent lands in
/// the same shard, so the agent's state has one writer and its datagrams stay in order (exact loss counts).
/// </summary>
internal sealed class Shard : IDisposable
{
    private const long ErrorReportIntervalMs = 60_000;

    private readonly DatagramRing _queue;
    private readonly ConcurrentDictionary<SflowAddress, AgentState> _agents = new();
    private readonly Func<int> _totalAgents;
    private readonly Lock _flowsLock = new();
    private readonly ShardForwarder? _forwarder;
    private ShardFlow[] _flows = [];
    private long _lastExpiryTickMs;
    private long _lastSweepTickMs;
    private long _lastErrorReportTickMs;

    public Shard(int index, EngineOptions options, Func<int> totalAgents, ForwardingHub? forwarding = null, NetworkTopology? topology = null)
    {
        Index = index;
        Options = options;
        _totalAgents = totalAgents;
        _queue = new DatagramRing(options.QueueBytes);
        _forwarder = forwarding is null ? null : new ShardForwarder(forwarding, index);
        Topology = topology;
        Hosts = topology?.HostTable(index) ?? new HostLocationTable(64);
    }

    public int Index { get; }

    public EngineOptions Options { get; }

    public ShardStatistics Statistics { get; } = new();

    public ICollection<AgentState> Agents => _agents.Values;

    public int AgentCount => _agents.Count;

    public int QueueLength => _queue.Count;

    /// <summary>The active flow definitions (replaced, never changed in place, so the worker reads it without locking).</summary>
    public ShardFlow[] Flows => Volatile.Read(ref _flows);

    /// <summary>The worker's context for evaluating flows on the current sample.</summary>
    public FlowSampleContext FlowContext { get; } = new();

    /// <summary>The worker's buffer for flow key strings.</summary>
    public char[] FlowKeyBuffer { get; } = new char[4096];

    /// <summary>The engine's topology (null in tests that run a shard alone: no topology, every port an edge port).</summary>
    public NetworkTopology? Topology { get; }

    /// <summary>The host MACs this worker located at edge ports.</summary>
    public HostLocationTable Hosts { get; }

    /// <summary>When the decoders last produced each group of flow keys (<c>/flowkeys/json</c>).</summary>
    public FlowKeyPresence KeysSeen { get; } = new();

    public ShardFlow? FindFlow(string name)
    {
        foreach (var flow in Flows)
        {
            if (flow.Name == name)
            {
                return flow;
            }
        }

        return null;
    }

    public void SetFlow(ShardFlow flow)
    {
        lock (_flowsLock)
        {
            var flows = new List<ShardFlow>(_flows.Length + 1);
            foreach (var existing in _flows)
            {
                if (existing.Name != flow.Name)
                {
                    flows.Add(existing);
                }
            }

            flows.Add(flow);
            Volatile.Write(ref _flows, [.. flows]);
        }
    }

    public void RemoveFlow(string name)
    {
        lock (_flowsLock)
        {
            Volatile.Write(ref _flows, Array.FindAll(_flows, f => f.Name != name));
        }
    }

    public bool TryFindAgent(in SflowAddress address, out AgentState? agent) => _agents.TryGetValue(address, out agent);

    /// <summary>Queues a copy of the datagram; false (and counted) when the queue is full.</summary>
    public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        if (_queue.TryWrite(datagram, source, receivedUnixMs))
        {
            Statistics.CountQueued();
            return true;
        }

        Statistics.CountQueueDrop();
        return false;
    }

    public void Complete() => _queue.Complete();

    /// <summary>Sends the forwarded copies that <see cref="Process"/> gathered (the worker does this after each drain).</summary>
    public void FlushForwarding() => _forwarder?.Flush();

    /// <summary>The worker's timer step for forwarding: sends tenant datagrams whose flush interval has passed (public for tests and the fuzz target).</summary>
    public void TickForwarding(long tickMs) => _forwarder?.Tick(tickMs);

    public void Dispose() => _queue.Dispose();

    /// <summary>The worker (on its own thread): decodes queued datagrams until the queue is completed.</summary>
    public void Run()
    {
        var handler = new Worker(this);
        while (true)
        {
            var decoded = _queue.Drain(ref handler);
            var tick = Environment.TickCount64;
            ExpireIfDue(tick);
            TickForwarding(tick);
            SweepFlowLogsIfDue(tick);
            if (decoded == 0)
            {
                if (_queue.IsCompleted)
                {
                    return;
                }

                // Tenant datagrams waiting for the flush timer shorten the sleep.
                _queue.WaitForData(TimeSpan.FromMilliseconds(Math.Min(250, _forwarder?.IdleWaitMs ?? 250)));
            }
            else
            {
                // Traffic is flowing: take a millisecond's worth at a time rather than being woken for every few
                // datagrams the receiver hands over. The ring holds far more than a millisecond at any rate, and a
                // millisecond of delay means nothing to telemetry, while each wake-up costs both threads a context switch.
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Decodes one datagram into the shard's state (exposed for tests and replay without a worker).</summary>
    public void Process(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        // Forwarding sessions get the datagram as it arrived, before decoding can fail on it.
        _forwarder?.Forward(datagram);
        var visitor = new ShardVisitor(this, datagram.Length, source, receivedUnixMs);
        var result = SflowDecoder.Decode(datagram, ref visitor);
        Statistics.CountDecoded(datagram.Length);
        Statistics.CountSamples(visitor.FlowSamples, visitor.CounterSamples, visitor.DiscardSamples);
        if (!result.IsSuccess)
        {
            if (result.Error.Kind == SflowDecodeErrorKind.UnsupportedVersion)
            {
                Statistics.CountUnsupportedVersion();
            }
            else
            {
                Statistics.CountParseError();
                visitor.Agent?.ObserveParseError();
            }
        }

        _forwarder?.Share(datagram);
    }

    public AgentState? GetOrAddAgent(in SflowAddress address, long nowUnixMs)
    {
        if (_agents.TryGetValue(address, out var agent))
        {
            return agent;
        }

        if (_totalAgents() >= Options.MaxAgents)
        {
            Statistics.CountAgentLimitDrop();
            return null;
        }

        agent = new AgentState(address, nowUnixMs);
        _agents[address] = agent;
        return agent;
    }

    /// <summary>Forgets silent agents and data sources, at most once a second of wall-clock time.</summary>
    private void ExpireIfDue(long tickMs)
    {
        if (tickMs - _lastExpiryTickMs < 1000)
        {
            return;
        }

        _lastExpiryTickMs = tickMs;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Expire(now);
    }

    /// <summary>Ends idle logged flows, every <see cref="Flows.Logging.FlowLogOptions.SweepInterval"/> of wall-clock time.</summary>
    private void SweepFlowLogsIfDue(long tickMs)
    {
        if (tickMs - _lastSweepTickMs >= Options.FlowLog.SweepInterval.TotalMilliseconds)
        {
            _lastSweepTickMs = tickMs;
            SweepFlowLogs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>Ends the logged flows idle at <paramref name="nowUnixMs"/> (the worker's own call; public for tests).</summary>
    public void SweepFlowLogs(long nowUnixMs)
    {
        foreach (var flow in Flows)
        {
            flow.Log?.Sweep(nowUnixMs);
        }
    }

    /// <summary>Forgets agents silent since before <paramref name="nowUnixMs"/> minus the expiry settings.</summary>
    public void Expire(long nowUnixMs)
    {
        var agentCutoff = nowUnixMs - (long)Options.AgentExpiry.TotalMilliseconds;
        var dataSourceCutoff = nowUnixMs - (long)Options.DataSourceExpiry.TotalMilliseconds;
        foreach (var (address, agent) in _agents)
        {
            if (agent.LastSeenUnixMs < agentCutoff)
            {
                _agents.TryRemove(address, out _);
            }
            else
            {
                agent.ExpireDataSources(dataSourceCutoff);
            }
        }

        foreach (var flow in Flows)
        {
            flow.Expire(dataSourceCutoff);
        }
    }

    /// <summary>Counts a datagram whose processing threw, and reports the exception at most once a minute.</summary>
    private void OnProcessingError(Exception error)
    {
        Statistics.CountProcessingError();
        var now = Environment.TickCount64;
        if (_lastErrorReportTickMs == 0 || now - _lastErrorReportTickMs >= ErrorReportIntervalMs)
        {
            _lastErrorReportTickMs = now;
            Options.WorkerErrorReporter?.Invoke(error);
        }
    }

    private readonly struct Worker(Shard shard) : IDatagramHandler
    {
        public void Handle(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
        {
            try
            {
                shard.Process(datagram, source, receivedUnixMs);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A defect met by one datagram must not end the worker, and with it every agent of the shard: skip it.
                shard.OnProcessingError(e);
            }
        }
    }
}
