using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Engine.Metrics;

namespace Sluice.Engine.Thresholds;

/// <summary>
/// The engine's thresholds (sflow-rt-api.md §5): definitions by name, and a periodic check of each against the latest
/// value at every agent × data source — a counter metric's reading, a flow's total rate, or (<c>byFlow</c>) each flow
/// key's rate — that appends an event to the <see cref="EventLog"/> on every crossing. REST and the scripting host
/// share this one registry; checks run on a timer, never on the decode workers.
/// </summary>
public sealed class ThresholdRegistry : IDisposable
{
    /// <summary>Most places (agent × data source × flow key) one threshold keeps triggered at once.</summary>
    public const int MaxTriggeredPerThreshold = 10_000;

    private readonly Func<IEnumerable<AgentState>> _agents;
    private readonly FlowMetrics _flows;
    private readonly EventLog _events;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<FlowRate> _above = [];
    private ITimer? _timer;
    private TimeProvider _time = TimeProvider.System;
    private int _checking;

    internal ThresholdRegistry(Func<IEnumerable<AgentState>> agents, FlowMetrics flows, EventLog events)
    {
        _agents = agents;
        _flows = flows;
        _events = events;
    }

    /// <summary>Crossings that raised no event because a threshold already had its most triggered places.</summary>
    public long SuppressedEvents
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Sum(e => e.Tracker.Suppressed);
            }
        }
    }

    /// <summary>Defines or replaces <paramref name="name"/>; a replaced threshold starts armed everywhere.</summary>
    /// <exception cref="FormatException">The definition is not usable; the message says why.</exception>
    public void Set(string name, ThresholdDefinition definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        var entry = Entry.Create(definition);
        lock (_lock)
        {
            _entries[name] = entry;
        }
    }

    /// <summary>Removes <paramref name="name"/>; false when it was not defined.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return _entries.Remove(name);
        }
    }

    public ThresholdDefinition? TryGet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return _entries.TryGetValue(name, out var entry) ? entry.Definition : null;
        }
    }

    /// <summary>A snapshot of every definition by name.</summary>
    public IReadOnlyDictionary<string, ThresholdDefinition> All()
    {
        lock (_lock)
        {
            return new SortedDictionary<string, ThresholdDefinition>(
                _entries.ToDictionary(e => e.Key, e => e.Value.Definition, StringComparer.Ordinal), StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// sFlow-RT's <c>thresholdTriggered(id, agent, "&lt;ds&gt;.&lt;metric&gt;", flowKey)</c>: true while the place has not
    /// re-armed since its last event. <paramref name="metric"/> may also be the bare metric name.
    /// </summary>
    public bool IsTriggered(string thresholdId, string agent, string metric, string? flowKey = null)
    {
        ArgumentNullException.ThrowIfNull(thresholdId);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(metric);
        lock (_lock)
        {
            if (!_entries.TryGetValue(thresholdId, out var entry))
            {
                return false;
            }

            var dot = metric.LastIndexOf('.');
            var name = dot < 0 ? metric : metric[(dot + 1)..];
            if (name != entry.Spec.Name)
            {
                return false;
            }

            if (dot >= 0)
            {
                return entry.Tracker.IsTriggered(agent, metric[..dot], entry.Definition.ByFlow ? flowKey : null);
            }

            return entry.Tracker.AnyTriggered(agent, entry.Definition.ByFlow ? flowKey : null);
        }
    }

    /// <summary>Checks every <paramref name="interval"/> of <paramref name="time"/> from now on (again: restarts the timer).</summary>
    public void Start(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        lock (_lock)
        {
            _timer?.Dispose();
            _time = time;
            _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Checks every threshold against the values as of <paramref name="nowUnixMs"/>; returns the events raised.</summary>
    public IReadOnlyList<ThresholdEvent> Check(long nowUnixMs)
    {
        var raised = new List<ThresholdEvent>();
        lock (_lock)
        {
            foreach (var (name, entry) in _entries)
            {
                entry.Tracker.BeginCheck();
                if (_flows.IsFlowMetric(entry.Spec.Name))
                {
                    CheckFlow(name, entry, nowUnixMs, raised);
                }
                else if (MetricCatalog.TryGet(entry.Spec.Name, out var metric))
                {
                    CheckCounter(name, entry, metric, nowUnixMs, raised);
                }

                entry.Tracker.EndCheck(nowUnixMs);
            }
        }

        // Outside the lock: subscribers may call back (a script's event handler asking thresholdTriggered).
        for (var i = 0; i < raised.Count; i++)
        {
            raised[i] = _events.Append(raised[i]);
        }

        return raised;
    }

    private void Tick()
    {
        // A slow check (a huge fleet) is not stacked up behind itself: the next tick just skips.
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            Check(_time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    private void CheckCounter(string name, Entry entry, MetricDefinition metric, long nowUnixMs, List<ThresholdEvent> raised)
    {
        var level = entry.Definition.Value;
        foreach (var agent in _agents())
        {
            foreach (var dataSource in agent.DataSources)
            {
                if (dataSource.Metrics is not { } counters
                    || (entry.Spec.DataSource is not null && entry.Spec.DataSource != dataSource.Name)
                    || !entry.Filter.Matches(counters)
                    || !counters.TryGetValue(metric, out var reading)
                    || reading.IsText
                    || !(reading.Number > level))
                {
                    continue;
                }

                if (entry.Tracker.ObserveAbove(agent.Name, dataSource.Name, null, nowUnixMs))
                {
                    raised.Add(entry.Event(name, reading.Number, agent.Name, dataSource.Name, nowUnixMs));
                }
            }
        }
    }

    private void CheckFlow(string name, Entry entry, long nowUnixMs, List<ThresholdEvent> raised)
    {
        var level = entry.Definition.Value;
        foreach (var table in _flows.Sources(entry.Spec.Name))
        {
            var dataSource = table.DataSource;
            if ((entry.Spec.DataSource is not null && entry.Spec.DataSource != dataSource.Name)
                || !(entry.Filter.IsEmpty || (dataSource.Metrics is { } counters && entry.Filter.Matches(counters))))
            {
                continue;
            }

            if (!entry.Definition.ByFlow)
            {
                var total = table.Total(nowUnixMs);
                if (total > level && entry.Tracker.ObserveAbove(table.Agent, dataSource.Name, null, nowUnixMs))
                {
                    raised.Add(entry.Event(name, total, table.Agent, dataSource.Name, nowUnixMs));
                }

                continue;
            }

            _above.Clear();
            table.KeysAbove(level, nowUnixMs, _above);
            foreach (var flow in _above)
            {
                if (entry.Tracker.ObserveAbove(table.Agent, dataSource.Name, flow.Key, nowUnixMs))
                {
                    raised.Add(entry.Event(name, flow.Value, table.Agent, dataSource.Name, nowUnixMs) with { FlowKey = flow.Key, Values = flow.Values });
                }
            }
        }
    }

    /// <summary>A definition with what checking it needs: the parsed metric, the compiled filter and the crossing state.</summary>
    private sealed class Entry
    {
        private Entry(ThresholdDefinition definition, MetricSpec spec, MetricFilter filter)
        {
            Definition = definition;
            Spec = spec;
            Filter = filter;
            Tracker = new ThresholdTracker(definition.Timeout, MaxTriggeredPerThreshold);
        }

        public ThresholdDefinition Definition { get; }

        public MetricSpec Spec { get; }

        public MetricFilter Filter { get; }

        public ThresholdTracker Tracker { get; }

        public static Entry Create(ThresholdDefinition definition)
        {
            if (string.IsNullOrWhiteSpace(definition.Metric))
            {
                throw new FormatException("metric: required");
            }

            if (definition.Metric.Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"metric: '{definition.Metric}' has an aggregation prefix; a threshold checks each data source's own value");
            }

            if (!double.IsFinite(definition.Value))
            {
                throw new FormatException("value: a finite number is required");
            }

            if (!double.IsFinite(definition.Timeout) || definition.Timeout < 0)
            {
                throw new FormatException("timeout: seconds, zero or more, are required");
            }

            var filter = definition.Filter is { Count: > 0 } terms
                ? new MetricFilter(terms.Select(t => new KeyValuePair<string, IEnumerable<string>>(t.Key, t.Value)))
                : MetricFilter.Empty;
            return new Entry(definition, MetricSpec.Parse(definition.Metric), filter);
        }

        public ThresholdEvent Event(string name, double value, string agent, string dataSource, long nowUnixMs) => new()
        {
            ThresholdId = name,
            Metric = Definition.Metric,
            Value = value,
            Threshold = Definition.Value,
            Agent = agent,
            DataSource = dataSource,
            Timestamp = nowUnixMs,
        };
    }
}
