using System.Globalization;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Metrics;

/// <summary>
/// The latest counter metrics of one agent × data source. One writer thread (the agent's decode worker,
/// through <see cref="CounterSampleProcessor"/>) and any number of readers.
/// </summary>
/// <remarks>
/// Concurrency is a seqlock: the writer makes <c>_sequence</c> odd, writes a record's values into fixed
/// arrays, then makes it even again; a reader copies what it needs and retries if the sequence was odd or
/// changed meanwhile. The writer never waits and never allocates once a record group's block exists;
/// readers may spin briefly. Values are grouped in one block per counter record format, created the first
/// time the data source sends that record, so an interface does not pay for host metrics.
/// </remarks>
public sealed class DataSourceMetrics
{
    private static readonly MetricDefinition HostNameMetric = MetricCatalog.TryGet("host_name", out var host) ? host : throw new InvalidOperationException("host_name");
    private static readonly MetricDefinition IfNameMetric = MetricCatalog.TryGet("ifname", out var port) ? port : throw new InvalidOperationException("ifname");

    private readonly MetricBlock?[] _blocks = new MetricBlock?[MetricCatalog.GroupCount];
    private LookedUpNames? _lookedUp;
    private int _sequence;
    private long _lastUpdate;
    private long _pollingInterval;
    private long _samples;

    // Writer only.
    private bool _inSample;
    private long _sampleStart;

    public DataSourceMetrics(SflowAddress agent, uint sourceClass, uint sourceIndex)
    {
        Agent = agent;
        AgentName = agent.ToString();
        SourceClass = sourceClass;
        SourceIndex = sourceIndex;
        DataSource = FormatDataSource(sourceClass, sourceIndex);
    }

    public SflowAddress Agent { get; }

    /// <summary>The agent address as text (computed once), as the JSON results show it.</summary>
    public string AgentName { get; }

    public uint SourceClass { get; }

    public uint SourceIndex { get; }

    /// <summary>sFlow-RT's name: <c>"&lt;ifIndex&gt;"</c> for interfaces, <c>"2.1"</c> for the host, <c>"3.N"</c> for VMs and containers.</summary>
    public string DataSource { get; }

    /// <summary>Unix ms of the last counter sample (0 before the first).</summary>
    public long LastUpdate => Volatile.Read(ref _lastUpdate);

    /// <summary>Milliseconds between the last two counter samples (0 until there are two).</summary>
    public long EffectivePollingIntervalMs => Volatile.Read(ref _pollingInterval);

    /// <summary>Counter samples applied.</summary>
    public long Samples => Volatile.Read(ref _samples);

    /// <summary>sFlow-RT's data source name for an sFlow source id (class 0 is just the ifIndex).</summary>
    public static string FormatDataSource(uint sourceClass, uint sourceIndex) => sourceClass == 0
        ? sourceIndex.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{sourceClass}.{sourceIndex}");

    /// <summary>
    /// Names looked up elsewhere (SNMP) that stand in for <c>host_name</c>/<c>ifname</c> when the counters carry none.
    /// Swapped in whole by the lookup task; readers see one snapshot or the other, never half of one.
    /// </summary>
    public LookedUpNames? LookedUp
    {
        get => Volatile.Read(ref _lookedUp);
        set => Volatile.Write(ref _lookedUp, value);
    }

    /// <summary>True when no counter sample arrived within <paramref name="maxAgeMs"/>, so the engine may drop the data source.</summary>
    public bool IsStale(long nowUnixMs, long maxAgeMs) => nowUnixMs - LastUpdate > maxAgeMs;

    public bool TryGetValue(string metricName, out MetricReading reading)
    {
        if (MetricCatalog.TryGet(metricName, out var metric))
        {
            return TryGetValue(metric, out reading);
        }

        reading = default;
        return false;
    }

    /// <summary>Reads one metric consistently (never half of one update).</summary>
    public bool TryGetValue(MetricDefinition metric, out MetricReading reading)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var block = Volatile.Read(ref _blocks[metric.Group]);
        if (block is null)
        {
            return TryLookedUp(metric, out reading);
        }

        var slot = metric.Slot;
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var time = block.Slots[slot].Time;
                var number = block.Slots[slot].Value;
                var text = metric.Kind == MetricKind.Text ? block.Texts[slot] : null;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    reading = new MetricReading(metric, number, metric.Kind == MetricKind.Text ? text : null, time);
                    return (time != 0 && (metric.Kind != MetricKind.Text || text is not null)) || TryLookedUp(metric, out reading);
                }
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Reads several metrics as of one moment: no writer update lands between them.</summary>
    public void Read(ReadOnlySpan<MetricDefinition> metrics, Span<MetricReading> readings, Span<bool> present)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                for (var i = 0; i < metrics.Length; i++)
                {
                    var metric = metrics[i];
                    var block = Volatile.Read(ref _blocks[metric.Group]);
                    if (block is null)
                    {
                        present[i] = false;
                        continue;
                    }

                    var time = block.Slots[metric.Slot].Time;
                    var text = metric.Kind == MetricKind.Text ? block.Texts[metric.Slot] : null;
                    readings[i] = new MetricReading(metric, block.Slots[metric.Slot].Value, text, time);
                    present[i] = time != 0 && (metric.Kind != MetricKind.Text || text is not null);
                }

                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    for (var i = 0; i < metrics.Length; i++)
                    {
                        present[i] = present[i] || TryLookedUp(metrics[i], out readings[i]);
                    }

                    return;
                }
            }

            spin.SpinOnce();
        }
    }

    /// <summary>A consistent copy of every metric that has a value, in catalog order.</summary>
    public IReadOnlyList<MetricReading> ReadAll()
    {
        var result = new List<MetricReading>();
        var spin = default(SpinWait);
        while (true)
        {
            result.Clear();
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                for (var group = 0; group < _blocks.Length; group++)
                {
                    var block = Volatile.Read(ref _blocks[group]);
                    if (block is not null)
                    {
                        CopyBlock(block, result);
                    }
                }

                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    AddLookedUp(result);
                    return result;
                }
            }

            spin.SpinOnce();
        }
    }

    public override string ToString() => $"{AgentName} {DataSource}";

    /// <summary>Writer: the block of a record group, created the first time the data source sends that record.</summary>
    internal MetricBlock Block(RecordMap map)
    {
        var block = _blocks[map.Group];
        if (block is null)
        {
            block = new MetricBlock(map);
            Volatile.Write(ref _blocks[map.Group], block);
        }

        return block;
    }

    /// <summary>Writer: marks the start of a counter sample at the first record applied after <see cref="EndSample"/>.</summary>
    internal void BeginSampleIfNeeded(long nowUnixMs)
    {
        if (_inSample)
        {
            return;
        }

        _inSample = true;
        if (_sampleStart != 0 && nowUnixMs > _sampleStart)
        {
            Volatile.Write(ref _pollingInterval, nowUnixMs - _sampleStart);
        }

        _sampleStart = nowUnixMs;
    }

    internal void EndSample(long nowUnixMs)
    {
        _inSample = false;
        Volatile.Write(ref _samples, _samples + 1);
        Volatile.Write(ref _lastUpdate, nowUnixMs);
    }

    internal void BeginWrite() => Interlocked.Increment(ref _sequence);

    internal void EndWrite() => Interlocked.Increment(ref _sequence);

    /// <summary>Writer: the sample being applied is behind the data source's latest by sequence number (see <see cref="MetricBlock.LateSample"/>).</summary>
    internal bool LateSample { get; set; }

    /// <summary>Writer: forgets every counter baseline, e.g. after the agent restarted.</summary>
    internal void ClearBaselines()
    {
        foreach (var block in _blocks)
        {
            if (block is not null)
            {
                foreach (ref var slot in block.Slots.AsSpan())
                {
                    slot.HasPrevious = false;
                }
            }
        }

        _sampleStart = 0;
    }

    /// <summary>A looked-up name standing in for a <c>host_name</c>/<c>ifname</c> the counters did not carry, as fresh as the data source.</summary>
    private bool TryLookedUp(MetricDefinition metric, out MetricReading reading)
    {
        var text = Volatile.Read(ref _lookedUp) is not { } names ? null
            : ReferenceEquals(metric, IfNameMetric) ? names.IfName
            : ReferenceEquals(metric, HostNameMetric) ? names.HostName
            : null;
        reading = text is null ? default : new MetricReading(metric, 0, text, Math.Max(1, LastUpdate));
        return text is not null;
    }

    private void AddLookedUp(List<MetricReading> result)
    {
        if (Volatile.Read(ref _lookedUp) is null)
        {
            return;
        }

        foreach (var metric in (ReadOnlySpan<MetricDefinition>)[HostNameMetric, IfNameMetric])
        {
            if (!result.Exists(r => ReferenceEquals(r.Metric, metric)) && TryLookedUp(metric, out var reading))
            {
                result.Add(reading);
            }
        }
    }

    private static void CopyBlock(MetricBlock block, List<MetricReading> result)
    {
        var metrics = block.Map.SlotMetrics;
        for (var slot = 0; slot < metrics.Length; slot++)
        {
            var metric = metrics[slot];
            var time = block.Slots[slot].Time;
            if (metric is null || time == 0)
            {
                continue;
            }

            var text = metric.Kind == MetricKind.Text ? block.Texts[slot] : null;
            if (metric.Kind == MetricKind.Text && text is null)
            {
                continue;
            }

            result.Add(new MetricReading(metric, block.Slots[slot].Value, text, time));
        }
    }
}
