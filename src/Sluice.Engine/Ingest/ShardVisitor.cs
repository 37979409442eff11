using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Metrics;
using Sluice.Engine.Topology;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// What a worker does with one decoded datagram: agent and data-source bookkeeping, then counters to the
/// metric store and flow samples to the flow tables. A struct passed by reference: no allocation per datagram.
/// </summary>
internal struct ShardVisitor : ISflowVisitor
{
    private readonly Shard _shard;
    private readonly int _length;
    private readonly SflowAddress _source;
    private readonly long _now;
    private DataSourceState? _dataSource;
    private DataSourceMetrics? _metrics;
    private FlowSampleContext? _flowContext;

    public ShardVisitor(Shard shard, int length, in SflowAddress source, long receivedUnixMs)
    {
        _shard = shard;
        _length = length;
        _source = source;
        _now = receivedUnixMs;
    }

    public AgentState? Agent { get; private set; }

    public long FlowSamples { get; private set; }

    public long CounterSamples { get; private set; }

    public long DiscardSamples { get; private set; }

    public void OnDatagram(in SflowDatagramHeader header)
    {
        Agent = _shard.GetOrAddAgent(header.Agent, _now);
        Agent?.ObserveDatagram(header.SubAgentId, header.SequenceNumber, header.Uptime, _length, _source, _now);
    }

    public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
    {
        _dataSource = null;
        _metrics = null;
        _flowContext = null;
        if (Agent is null || sample.Kind == SampleKind.Unknown)
        {
            return;
        }

        Agent.CountSample(sample.Kind);
        _dataSource = Agent.GetOrAddDataSource(sample.SourceIdClass, sample.SourceIdIndex, _shard.Options.MaxDataSourcesPerAgent);
        switch (sample.Kind)
        {
            case SampleKind.Flow:
                FlowSamples++;
                _dataSource?.ObserveFlowSample(sample.SequenceNumber, sample.SamplingRate, sample.SamplePool, sample.Drops, _now);
                BeginFlows(sample);
                break;
            case SampleKind.Discard:
                DiscardSamples++;
                _dataSource?.ObserveFlowSample(sample.SequenceNumber, sample.SamplingRate, sample.SamplePool, sample.Drops, _now);
                BeginFlows(sample);
                break;
            case SampleKind.Counters:
                CounterSamples++;
                if (_dataSource is not null)
                {
                    var outcome = _dataSource.ObserveCounterSample(sample.SequenceNumber, _now);
                    _metrics = _dataSource.CounterMetrics();
                    if (outcome == SequenceOutcome.Reset)
                    {
                        // The agent restarted: its counters began again, so the old baselines give no rates.
                        CounterSampleProcessor.Restart(_metrics);
                    }
                }

                break;
        }
    }

    public readonly bool OnRecord(in SflowSample sample, in SflowRecord record)
    {
        if (_metrics is not null)
        {
            CounterSampleProcessor.Apply(_metrics, record, _now);
        }
        else
        {
            _flowContext?.AddRecord(record);
        }

        return true;
    }

    public readonly void OnSampleEnd(in SflowSample sample)
    {
        if (_metrics is not null)
        {
            CounterSampleProcessor.EndSample(_metrics, _now);
        }
        else if (_flowContext is not null && _dataSource is not null)
        {
            UpdateFlows(_flowContext, _dataSource);
        }
    }

    private void BeginFlows(in SflowSample sample)
    {
        // With no flow defined only /flowkeys/json needs the decoded packet: every eighth sample keeps it current
        // (the keys are listed before any flow is set) at an eighth of the decoding cost.
        if (_dataSource is not null && Agent is not null && (_shard.Flows.Length > 0 || _shard.KeysSeen.SampleWithoutFlows()))
        {
            _flowContext = _shard.FlowContext;
            _flowContext.BeginSample(Agent.Address, sample);
        }
    }

    /// <summary>
    /// Every active definition of the shard evaluates the sample: a packet sample weighs value × sampling rate
    /// (sFlow-RT's scale-up), a dropped-packet report counts once; the keys the sample carries are stamped as seen,
    /// and its source MAC located if it came in on an edge port.
    /// </summary>
    private readonly void UpdateFlows(FlowSampleContext context, DataSourceState dataSource)
    {
        _shard.KeysSeen.Observe(context, _now);
        // The sample is complete: definitions naming the same field share one formatting of it.
        context.CacheFieldTexts();
        var buffer = _shard.FlowKeyBuffer;
        var scale = context.Dropped ? 1.0 : Math.Max(1u, context.SamplingRate);
        var entering = Entering(context);
        var flows = _shard.Flows;
        ref var tables = ref dataSource.FlowTables;
        for (var i = 0; i < flows.Length; i++)
        {
            var flow = flows[i];
            if (flow.Flow.TryEvaluate(context, buffer, flow.Measures, out var keyLength))
            {
                var key = buffer.AsSpan(0, keyLength);
                tables.Get(flows, i, dataSource, _now).Add(key, flow.Measures, scale, _now, entering);
                flow.Log?.Observe(context, dataSource, key, flow.Measures[0].Number * scale, scale, _now);
            }
        }

        _shard.Hosts.Observe(context, _shard.Topology?.Current ?? TopologySnapshot.Empty, _now);
    }

    /// <summary>
    /// False for an egress sample (the data source is the port the packet left by, not the one it came in on): the
    /// packet entered the network elsewhere, so <c>aggMode=edge</c> does not count it here. Ingress samples and those
    /// whose direction is unknown count (sFlow-RT's <c>direction</c> key draws the same line).
    /// </summary>
    private static bool Entering(FlowSampleContext context) =>
        !(context.OutputFormat == 0 && context.Output == context.SourceIdIndex
            && !(context.InputFormat == 0 && context.Input == context.SourceIdIndex));
}
