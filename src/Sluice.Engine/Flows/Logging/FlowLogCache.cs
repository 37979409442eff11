using Sluice.Engine.Agents;
using Sluice.Engine.Export.Ipfix;

namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// The flows of one logged or exported definition in one shard: (data source, key) → start, last sample and totals
/// scaled by the sampling rate. A flow ends when it has had no sample for the idle timeout, when it has lasted
/// <c>activeTimeout</c> seconds (it is reported and starts again with the sample that found it too old), or when a new
/// flow needs room in the full cache (the least recently seen flow is reported and dropped). Ended flows go to the
/// flow log (unless <c>flowStart</c>, which logs each flow's first sample instead) and to the IPFIX exporter.
/// </summary>
/// <remarks>
/// Only the shard worker calls <see cref="Observe"/> and <see cref="Sweep"/>. Entries live in one array linked in
/// least-recently-seen order, so a sample of a tracked flow costs one lookup over the worker's key buffer and no
/// allocation; a sweep touches only the flows that have gone idle.
/// </remarks>
internal sealed class FlowLogCache
{
    private const int None = -1;

    private readonly string _name;
    private readonly CompiledFlow _flow;
    private readonly FlowLog? _log;
    private readonly bool _flowStart;
    private readonly IpfixExporter? _exporter;
    private readonly Dictionary<FlowLogKey, int> _index;
    private readonly Dictionary<FlowLogKey, int>.AlternateLookup<FlowLogProbe> _lookup;
    private readonly FlowLogEntry[] _entries;
    private int _used;
    private int _free = None;
    private int _oldest = None;
    private int _newest = None;

    /// <param name="log">Where records go when the definition has <c>log:true</c>; null otherwise.</param>
    /// <param name="exporter">Where ended flows go when the definition has <c>ipfixCollectors</c>; null otherwise.</param>
    public FlowLogCache(string name, CompiledFlow flow, FlowLog? log, IpfixExporter? exporter, FlowLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CacheSize, 1);
        _name = name;
        _flow = flow;
        _log = log;
        _flowStart = flow.Definition.FlowStart;
        _exporter = exporter;
        ActiveTimeoutMs = Math.Max(1, (long)flow.Definition.ActiveTimeout) * 1000;
        IdleTimeoutMs = Math.Min(ActiveTimeoutMs, Math.Max((long)options.MinimumIdleTimeout.TotalMilliseconds, (long)(2000 * flow.T)));
        _entries = new FlowLogEntry[options.CacheSize];
        _index = new Dictionary<FlowLogKey, int>(options.CacheSize, FlowLogKeyComparer.Instance);
        _lookup = _index.GetAlternateLookup<FlowLogProbe>();
    }

    /// <summary>A flow without samples for this long has ended.</summary>
    public long IdleTimeoutMs { get; }

    /// <summary>A flow this old is reported and started again (the definition's <c>activeTimeout</c>, at least 1 s).</summary>
    public long ActiveTimeoutMs { get; }

    public int Capacity => _entries.Length;

    /// <summary>Flows being tracked.</summary>
    public int Count => _index.Count;

    /// <summary>Flows ended early to make room for new ones.</summary>
    public long Evictions { get; private set; }

    /// <summary>Adds one sample of the flow <paramref name="key"/> at <paramref name="source"/>: <paramref name="value"/> is already scaled.</summary>
    public void Observe(FlowSampleContext context, DataSourceState source, ReadOnlySpan<char> key, double value, double scale, long nowMs)
    {
        if (_lookup.TryGetValue(new FlowLogProbe(source, key), out var slot))
        {
            ref var entry = ref _entries[slot];
            if (nowMs - entry.StartMs >= ActiveTimeoutMs)
            {
                End(ref entry);
                Restart(ref entry, nowMs);
                Add(ref entry, context, value, scale, nowMs);
                Start(ref entry);
            }
            else
            {
                Add(ref entry, context, value, scale, nowMs);
            }

            Unlink(slot);
            LinkNewest(slot);
            return;
        }

        if (_index.Count == _entries.Length)
        {
            Evictions++;
            EndAndRemove(_oldest);
        }

        slot = Allocate();
        ref var added = ref _entries[slot];
        added.Key = new FlowLogKey(source, key.ToString());
        added.Values = _flow.Values.Count == 0 ? null : new double[_flow.Values.Count];
        added.ExportKey = _exporter?.Template.EncodeKey(_flow, context);
        Restart(ref added, nowMs);
        Add(ref added, context, value, scale, nowMs);
        _index.Add(added.Key, slot);
        LinkNewest(slot);
        Start(ref added);
    }

    /// <summary>Ends every flow idle at <paramref name="nowMs"/> (oldest first; stops at the first flow still busy).</summary>
    public void Sweep(long nowMs)
    {
        while (_oldest != None && nowMs - _entries[_oldest].LastMs >= IdleTimeoutMs)
        {
            EndAndRemove(_oldest);
        }
    }

    /// <summary>Ends every tracked flow now (the definition is going away or the engine is stopping).</summary>
    public void Flush()
    {
        while (_oldest != None)
        {
            EndAndRemove(_oldest);
        }
    }

    private void Restart(ref FlowLogEntry entry, long nowMs)
    {
        entry.StartMs = nowMs;
        entry.LastMs = nowMs;
        entry.Value = 0;
        entry.Frames = 0;
        entry.Bytes = 0;
        if (entry.Values is { } values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = _flow.Values[i].Kind switch
                {
                    FlowValueKind.Minimum => double.PositiveInfinity,
                    FlowValueKind.Maximum => double.NegativeInfinity,
                    _ => 0,
                };
            }
        }
    }

    private void Add(ref FlowLogEntry entry, FlowSampleContext context, double value, double scale, long nowMs)
    {
        entry.LastMs = Math.Max(entry.LastMs, nowMs);
        entry.Value += value;
        entry.Frames += scale;
        entry.Bytes += context.FrameLength * scale;
        if (entry.Values is not { } values)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var function = _flow.Values[i];
            if (function.TryEvaluate(context, out var sample))
            {
                values[i] = function.Kind switch
                {
                    FlowValueKind.Minimum => Math.Min(values[i], sample),
                    FlowValueKind.Maximum => Math.Max(values[i], sample),
                    _ => values[i] + (sample * scale),
                };
            }
        }
    }

    /// <summary>With <c>flowStart</c>, logs the flow's first sample.</summary>
    private void Start(ref FlowLogEntry entry)
    {
        if (_flowStart && _log is not null)
        {
            _log.Append(Record(ref entry));
        }
    }

    /// <summary>Reports an ended flow: to the log (unless it logs starts) and to the IPFIX exporter.</summary>
    private void End(ref FlowLogEntry entry)
    {
        var logs = _log is not null && !_flowStart;
        if (!logs && _exporter is null)
        {
            return;
        }

        var record = Record(ref entry);
        if (logs)
        {
            _log!.Append(record);
        }

        _exporter?.Enqueue(record);
    }

    private FlowRecord Record(ref FlowLogEntry entry)
    {
        double[]? values = null;
        if (entry.Values is { } running)
        {
            values = new double[running.Length];
            for (var i = 0; i < running.Length; i++)
            {
                values[i] = _flow.Values[i].Kind switch
                {
                    FlowValueKind.Average => entry.Frames > 0 ? running[i] / entry.Frames : 0,
                    FlowValueKind.Minimum or FlowValueKind.Maximum when double.IsInfinity(running[i]) => 0,
                    _ => running[i],
                };
            }
        }

        var source = entry.Key.Source;
        return new FlowRecord(_name, entry.Key.Key, entry.Value, values, entry.StartMs, entry.LastMs, source.Agent.ToString(), source.Name)
        {
            Frames = entry.Frames,
            Bytes = entry.Bytes,
            ExportKey = entry.ExportKey,
        };
    }

    private void EndAndRemove(int slot)
    {
        ref var entry = ref _entries[slot];
        End(ref entry);
        _index.Remove(entry.Key);
        Unlink(slot);
        entry = default;
        entry.Next = _free;
        _free = slot;
    }

    private int Allocate()
    {
        if (_free != None)
        {
            var slot = _free;
            _free = _entries[slot].Next;
            return slot;
        }

        return _used++;
    }

    private void LinkNewest(int slot)
    {
        ref var entry = ref _entries[slot];
        entry.Previous = _newest;
        entry.Next = None;
        if (_newest != None)
        {
            _entries[_newest].Next = slot;
        }
        else
        {
            _oldest = slot;
        }

        _newest = slot;
    }

    private void Unlink(int slot)
    {
        ref var entry = ref _entries[slot];
        if (entry.Previous != None)
        {
            _entries[entry.Previous].Next = entry.Next;
        }
        else
        {
            _oldest = entry.Next;
        }

        if (entry.Next != None)
        {
            _entries[entry.Next].Previous = entry.Previous;
        }
        else
        {
            _newest = entry.Previous;
        }
    }
}
