namespace Sluice.Engine.Ingest;

/// <summary>Counters of one shard. Each is written by one thread (the submitter or the worker) and read by any.</summary>
public sealed class ShardStatistics
{
    private long _queued;
    private long _queueDrops;
    private long _decoded;
    private long _bytes;
    private long _parseErrors;
    private long _unsupportedVersion;
    private long _agentLimitDrops;
    private long _flowSamples;
    private long _counterSamples;
    private long _discardSamples;
    private long _processingErrors;

    public long Queued => Volatile.Read(ref _queued);

    /// <summary>Datagrams dropped because the shard's queue was full.</summary>
    public long QueueDrops => Volatile.Read(ref _queueDrops);

    public long Decoded => Volatile.Read(ref _decoded);

    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Datagrams that stopped decoding at a malformed sample or record (what was before the error counts).</summary>
    public long ParseErrors => Volatile.Read(ref _parseErrors);

    public long UnsupportedVersion => Volatile.Read(ref _unsupportedVersion);

    /// <summary>Datagrams from agents beyond the configured maximum.</summary>
    public long AgentLimitDrops => Volatile.Read(ref _agentLimitDrops);

    public long FlowSamples => Volatile.Read(ref _flowSamples);

    public long CounterSamples => Volatile.Read(ref _counterSamples);

    public long DiscardSamples => Volatile.Read(ref _discardSamples);

    /// <summary>
    /// Datagrams whose processing threw (a defect, not bad input: bad input is a parse error). The worker skips such a
    /// datagram and carries on with the next, so one agent's odd traffic cannot stop the others'.
    /// </summary>
    public long ProcessingErrors => Volatile.Read(ref _processingErrors);

    // Several producers (receiver, replay, demo) may submit to one shard, so these two are interlocked.
    internal void CountQueued() => Interlocked.Increment(ref _queued);

    internal void CountQueueDrop() => Interlocked.Increment(ref _queueDrops);

    // The rest are written by the shard's single worker.
    internal void CountDecoded(int bytes)
    {
        Volatile.Write(ref _decoded, _decoded + 1);
        Volatile.Write(ref _bytes, _bytes + bytes);
    }

    internal void CountParseError() => Volatile.Write(ref _parseErrors, _parseErrors + 1);

    internal void CountUnsupportedVersion() => Volatile.Write(ref _unsupportedVersion, _unsupportedVersion + 1);

    internal void CountProcessingError() => Volatile.Write(ref _processingErrors, _processingErrors + 1);

    internal void CountAgentLimitDrop() => Volatile.Write(ref _agentLimitDrops, _agentLimitDrops + 1);

    internal void CountSamples(long flows, long counters, long discards)
    {
        Volatile.Write(ref _flowSamples, _flowSamples + flows);
        Volatile.Write(ref _counterSamples, _counterSamples + counters);
        Volatile.Write(ref _discardSamples, _discardSamples + discards);
    }
}
