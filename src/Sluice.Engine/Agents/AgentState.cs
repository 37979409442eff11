using System.Collections.Concurrent;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Agents;

/// <summary>
/// One sFlow agent (keyed by its agent address, as sFlow-RT does): datagram counts and sequence tracking per
/// sub-agent, and its data sources. Written only by the worker that owns the agent's shard.
/// </summary>
public sealed class AgentState
{
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
        DatagramsLost += state.Sequence.Lost - before.Lost;
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
                break;
        }

        return outcome;
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
    }
}
