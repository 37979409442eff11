namespace Sluice.Engine.Thresholds;

/// <summary>
/// The crossing state of one threshold: which agent/data source/flow key places are triggered. A place fires when it
/// is first seen above the level; it stays triggered (no more events) while it stays above, and re-arms once it has
/// been at or below the level — not seen above — for the timeout. Not thread-safe: the registry serialises checks.
/// </summary>
/// <remarks>
/// At most <c>capacity</c> places are triggered at once; further crossings are counted in <see cref="Suppressed"/>
/// and raise nothing until places re-arm, so a flood of new flow keys cannot grow memory or the event log without bound.
/// </remarks>
internal sealed class ThresholdTracker
{
    private readonly Dictionary<(string Agent, string DataSource, string? FlowKey), Crossing> _triggered = [];
    private readonly long _timeoutMs;
    private readonly int _capacity;
    private long _check;

    public ThresholdTracker(double timeoutSeconds, int capacity)
    {
        _timeoutMs = (long)Math.Round(timeoutSeconds * 1000);
        _capacity = capacity;
    }

    /// <summary>Places currently triggered.</summary>
    public int Count => _triggered.Count;

    /// <summary>Crossings that raised nothing because <see cref="Count"/> was at capacity.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Starts a check: places not observed above before <see cref="EndCheck"/> count as at or below.</summary>
    public void BeginCheck() => _check++;

    /// <summary>Records that the place is above the level now; true when this is a crossing (an event is due).</summary>
    public bool ObserveAbove(string agent, string dataSource, string? flowKey, long nowUnixMs)
    {
        if (_triggered.TryGetValue((agent, dataSource, flowKey), out var crossing))
        {
            crossing.LastAboveUnixMs = nowUnixMs;
            crossing.Check = _check;
            return false;
        }

        if (_triggered.Count >= _capacity)
        {
            Suppressed++;
            return false;
        }

        _triggered[(agent, dataSource, flowKey)] = new Crossing { LastAboveUnixMs = nowUnixMs, Check = _check };
        return true;
    }

    /// <summary>Re-arms every place that was not above in this check and has not been above for the timeout.</summary>
    public void EndCheck(long nowUnixMs)
    {
        foreach (var (place, crossing) in _triggered)
        {
            if (crossing.Check != _check && nowUnixMs - crossing.LastAboveUnixMs >= _timeoutMs)
            {
                _triggered.Remove(place);
            }
        }
    }

    public bool IsTriggered(string agent, string dataSource, string? flowKey) =>
        _triggered.ContainsKey((agent, dataSource, flowKey));

    /// <summary>True when some data source of <paramref name="agent"/> is triggered (for <paramref name="flowKey"/>, when given).</summary>
    public bool AnyTriggered(string agent, string? flowKey)
    {
        foreach (var place in _triggered.Keys)
        {
            if (place.Agent == agent && (flowKey is null || place.FlowKey == flowKey))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Crossing
    {
        public long LastAboveUnixMs { get; set; }

        public long Check { get; set; }
    }
}
