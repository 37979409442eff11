using Sluice.Engine.Metrics;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Agents;

/// <summary>
/// What the engine knows about one data source of an agent (an interface, the host, a VM): its sample
/// streams and sampling settings. Written only by the agent's worker; readers see slightly stale values.
/// </summary>
public sealed class DataSourceState
{
    private SequenceTracker _flowSequence;
    private SequenceTracker _counterSequence;
    private Flows.DataSourceFlowTables _flowTables;

    public DataSourceState(SflowAddress agent, uint sourceClass, uint sourceIndex)
    {
        Agent = agent;
        SourceClass = sourceClass;
        SourceIndex = sourceIndex;
        Name = DataSourceMetrics.FormatDataSource(sourceClass, sourceIndex);
    }

    public SflowAddress Agent { get; }

    /// <summary>The counter metrics of this data source, from its first counter sample on.</summary>
    public DataSourceMetrics? Metrics { get; private set; }

    public uint SourceClass { get; }

    public uint SourceIndex { get; }

    /// <summary>sFlow-RT's name: the ifIndex for interfaces (class 0), otherwise <c>class.index</c> (<c>2.1</c>, <c>3.7</c>).</summary>
    public string Name { get; }

    /// <summary>This data source's flow tables, for its shard's worker.</summary>
    internal ref Flows.DataSourceFlowTables FlowTables => ref _flowTables;

    public long FlowSamples { get; private set; }

    public long CounterSamples { get; private set; }

    /// <summary>The sampling rate of the latest flow sample (1 in N).</summary>
    public uint SamplingRate { get; private set; }

    public uint SamplePool { get; private set; }

    public long Drops { get; private set; }

    public long FlowSampleDuplicates => _flowSequence.Duplicates;

    public long FlowSampleOutOfOrder => _flowSequence.OutOfOrder;

    public long FlowSamplesLost => _flowSequence.Lost;

    public long CounterSampleDuplicates => _counterSequence.Duplicates;

    public long CounterSampleOutOfOrder => _counterSequence.OutOfOrder;

    public long CounterSamplesLost => _counterSequence.Lost;

    /// <summary>Time between the last two counter samples, in ms (sFlow-RT's effective polling interval); 0 until known.</summary>
    public long PollingIntervalMs { get; private set; }

    public long LastFlowSampleUnixMs { get; private set; }

    public long LastCounterSampleUnixMs { get; private set; }

    public long LastUpdateUnixMs => Math.Max(LastFlowSampleUnixMs, LastCounterSampleUnixMs);

    /// <summary>Records a flow or discard sample; returns what its sequence number says.</summary>
    public SequenceOutcome ObserveFlowSample(uint sequence, uint samplingRate, uint samplePool, uint drops, long nowUnixMs)
    {
        FlowSamples++;
        SamplingRate = samplingRate;
        SamplePool = samplePool;
        Drops = drops;
        LastFlowSampleUnixMs = nowUnixMs;
        return _flowSequence.Observe(sequence);
    }

    /// <summary>The metric store, created with the first counter sample.</summary>
    public DataSourceMetrics CounterMetrics() => Metrics ??= new DataSourceMetrics(Agent, SourceClass, SourceIndex);

    public SequenceOutcome ObserveCounterSample(uint sequence, long nowUnixMs)
    {
        CounterSamples++;
        var outcome = _counterSequence.Observe(sequence);
        if (Metrics is not null)
        {
            // A late or repeated sample carries counters older than the baselines: they must not become the baselines.
            Metrics.LateSample = outcome is SequenceOutcome.OutOfOrder or SequenceOutcome.Duplicate;
        }

        if (outcome is SequenceOutcome.InOrder or SequenceOutcome.Gap && LastCounterSampleUnixMs > 0)
        {
            PollingIntervalMs = nowUnixMs - LastCounterSampleUnixMs;
        }

        LastCounterSampleUnixMs = nowUnixMs;
        return outcome;
    }

    /// <summary>The agent restarted: sample numbering starts again and the counter baselines are forgotten.</summary>
    internal void Restart()
    {
        _flowSequence.Restart();
        _counterSequence.Restart();
        Metrics?.ClearBaselines();
    }

    /// <summary>The dictionary key of a data source within its agent.</summary>
    public static ulong Key(uint sourceClass, uint sourceIndex) => ((ulong)sourceClass << 32) | sourceIndex;
}
