using System.Collections.Concurrent;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Agents;

/// <summary>
/// One sFlow agent (keyed by its agent address, as sFlow-RT does): datagram counts and sequence tracking per
/// sub-agent, and its data sources. Written only by the worker that owns the agent's shard.
/// </summary>
public sealed class AgentState
{
    /// <summary>
    /// How far a datagram's uptime may lag the latest one before it means a restart rather than a late arrival: a
    /// reordered datagram lags by its extra delay in the network (milliseconds), a rebooted agent by the uptime it lost.
    /// </summary>
    public const uint RestartUptimeSlackMs = 5_000;

    private readonly ConcurrentDictionary<ulong, DataSourceState> _dataSources = new();
    private readonly Dictionary<uint, SubAgent> _subAgents = [];

    public AgentState(SflowAddress address, long nowUnixMs)
    {
        Address = address;
        Name = address.ToString();
        FirstSeenUnixMs = nowUnixMs;
        LastSeenUnixMs = nowUnixMs;
    }

    public SflowAddress Address { get; }

    /// <summary>The address as text, computed once.</summary>
    public string Name { get; }

    public long FirstSeenUnixMs { get; }

    public long LastSeenUnixMs { get; private set; }

    /// <summary>The address the latest datagram came from (differs from the agent address behind NAT or a relay).</summary>
    public SflowAddress LastSource { get; private set; }

    public long Datagrams { get; private set; }

    public long Bytes { get; private set; }

    public long DatagramsLost { get; private set; }

    public long DatagramDuplicates { get; private set; }

    public long DatagramsOutOfOrder { get; private set; }

    /// <summary>Times the agent's numbering restarted (a reboot, or another agent spoofing the address).</summary>
    public long Restarts { get; private set; }

    public long ParseErrors { get; private set; }

    public long FlowSamples { get; private set; }

    public long CounterSamples { get; private set; }

    public long DiscardSamples { get; private set; }

    /// <summary>The agent's sysUpTime in the latest datagram, ms.</summary>
    public uint Uptime { get; private set; }

    public int DataSourceCount => _dataSources.Count;

    public IEnumerable<DataSourceState> DataSources => _dataSources.Values;

    public SequenceOutcome ObserveDatagram(uint subAgent, uint sequence, uint uptime, int bytes, in SflowAddress source, long nowUnixMs)
    {
        Datagrams++;
        Bytes += bytes;
        LastSeenUnixMs = nowUnixMs;
        LastSource = source;
        Uptime = uptime;
        if (!_subAgents.TryGetValue(subAgent, out var state))
        {
            state = new SubAgent();
            _subAgents[subAgent] = state;
        }

        var before = state.Sequence;
        var outcome = state.Sequence.Observe(sequence);
        if (outcome is SequenceOutcome.OutOfOrder or SequenceOutcome.Duplicate && state.HasUptime && UptimeWentBack(state.Uptime, uptime))
        {
            // Numbering went back a little and sysUpTime a lot: a young agent restarted (its old numbers were still
            // within the reorder window), not a late datagram. Both must agree, so an agent whose uptime field is
            // unreliable is not restarted on every datagram.
            state.Sequence = before;
            state.Sequence.Restart();
            state.Sequence.Observe(sequence);
            outcome = SequenceOutcome.Reset;
        }

        DatagramsLost += state.Sequence.Lost - before.Lost;
        state.Uptime = uptime;
        state.HasUptime = true;
        switch (outcome)
        {
            case SequenceOutcome.Duplicate:
                DatagramDuplicates++;
                break;
            case SequenceOutcome.OutOfOrder:
                DatagramsOutOfOrder++;
                break;
            case SequenceOutcome.Reset:
                Restarts++;
                RestartDataSources();
                break;
        }

        return outcome;
    }

    /// <summary>
    /// After a restart the agent's sample numbers and counters begin again: the data sources start their sequences
    /// afresh (so the new numbers are not late arrivals) and forget their counter baselines (so the first counters
    /// after the restart give no rate, rather than a bogus one from the old values).
    /// </summary>
    private void RestartDataSources()
    {
        foreach (var source in _dataSources.Values)
        {
            source.Restart();
        }
    }

    /// <summary>True when <paramref name="uptime"/> is behind <paramref name="previous"/> by more than the slack (modulo 2^32, so a wrap is not a restart).</summary>
    private static bool UptimeWentBack(uint previous, uint uptime)
    {
        var behind = unchecked(previous - uptime);
        return behind > RestartUptimeSlackMs && behind < int.MaxValue;
    }

    public void ObserveParseError() => ParseErrors++;

    public void CountSample(Sflow.Datagrams.SampleKind kind)
    {
        switch (kind)
        {
            case Sflow.Datagrams.SampleKind.Flow:
                FlowSamples++;
                break;
            case Sflow.Datagrams.SampleKind.Counters:
                CounterSamples++;
                break;
            case Sflow.Datagrams.SampleKind.Discard:
                DiscardSamples++;
                break;
        }
    }

    /// <summary>The data source, created on first sight unless the agent already has <paramref name="limit"/> of them.</summary>
    public DataSourceState? GetOrAddDataSource(uint sourceClass, uint sourceIndex, int limit)
    {
        var key = DataSourceState.Key(sourceClass, sourceIndex);
        if (_dataSources.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (_dataSources.Count >= limit)
        {
            return null;
        }

        var created = new DataSourceState(Address, sourceClass, sourceIndex);
        _dataSources[key] = created;
        return created;
    }

    public DataSourceState? FindDataSource(uint sourceClass, uint sourceIndex) =>
        _dataSources.TryGetValue(DataSourceState.Key(sourceClass, sourceIndex), out var state) ? state : null;

    /// <summary>Forgets data sources with no samples since <paramref name="cutoffUnixMs"/>; returns how many.</summary>
    public int ExpireDataSources(long cutoffUnixMs)
    {
        var removed = 0;
        foreach (var (key, state) in _dataSources)
        {
            if (state.LastUpdateUnixMs < cutoffUnixMs && _dataSources.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    private sealed class SubAgent
    {
        public SequenceTracker Sequence;

        public uint Uptime;

        public bool HasUptime;
    }
}
