namespace Sluice.Engine.Metrics;

/// <summary>
/// The values of one record format (one <see cref="RecordMap"/>) for one data source. Numbers live in one array
/// of slots (value, time, raw counter, flags) rather than one array per field, which keeps
/// a data source to about half the memory: a 1,000-agent × 48-port fleet has 48,000 of these per format.
/// Text arrays exist only for formats that carry text.
/// </summary>
internal sealed class MetricBlock
{
    public MetricBlock(RecordMap map)
    {
        Map = map;
        var n = map.SlotCount;
        Slots = new MetricSlot[n];
        var hasText = false;
        foreach (var metric in map.SlotMetrics)
        {
            hasText |= metric?.Kind == MetricKind.Text;
        }

        Texts = hasText ? new string?[n] : [];
        RawText = hasText ? new byte[]?[n] : [];
    }

    public RecordMap Map { get; }

    /// <summary>When the record's previous sample arrived (Unix ms): the interval for every counter's rate.</summary>
    public long PreviousTime { get; set; }

    /// <summary>Set while applying a sample that arrived no later than the previous one: counters keep their baselines.</summary>
    public bool CountersFrozen { get; set; }

    /// <summary>
    /// Set while applying a sample whose sequence number is behind the latest (a late or repeated arrival): a counter
    /// lower than or equal to its baseline is then an older reading (or the same one again), not a restart, and the
    /// newer baseline stays.
    /// </summary>
    public bool LateSample { get; set; }

    /// <summary>
    /// Set when a counter of a late sample moved forward all the same (its numbering jumped, not its counters): the
    /// sample is then newer after all and its time becomes the record's baseline time.
    /// </summary>
    public bool MovedForward { get; set; }

    public MetricSlot[] Slots { get; }

    public string?[] Texts { get; }

    public byte[]?[] RawText { get; }
}
