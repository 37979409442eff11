namespace Sluice.Engine.Metrics;

/// <summary>
/// The values of one record group for one data source. Readers see <see cref="Values"/>,
/// <see cref="Texts"/> and <see cref="Times"/> under the owner's seqlock; everything else belongs to the writer.
/// </summary>
internal sealed class MetricBlock
{
    public MetricBlock(RecordMap map)
    {
        Map = map;
        var n = map.SlotCount;
        Values = new double[n];
        Texts = new string?[n];
        Times = new long[n];
        Raw = new ulong[n];
        PreviousTime = new long[n];
        HasPrevious = new bool[n];
        Deltas = new double[n];
        Fresh = new bool[n];
        RawText = new byte[]?[n];
    }

    public RecordMap Map { get; }

    /// <summary>Published numbers (rates for counters).</summary>
    public double[] Values { get; }

    /// <summary>Published strings.</summary>
    public string?[] Texts { get; }

    /// <summary>Unix ms of each slot's last update; 0 = no value.</summary>
    public long[] Times { get; }

    /// <summary>Writer: the last raw field value (the baseline of counters).</summary>
    public ulong[] Raw { get; }

    /// <summary>Writer: when a counter's baseline was taken.</summary>
    public long[] PreviousTime { get; }

    public bool[] HasPrevious { get; }

    /// <summary>Writer: this record's counter deltas, for shares (CPU time).</summary>
    public double[] Deltas { get; }

    /// <summary>Writer: slots updated by the record being applied, for derived metrics.</summary>
    public bool[] Fresh { get; }

    /// <summary>Writer: the bytes behind each UTF-8 string, so a string is built only when it changes.</summary>
    public byte[]?[] RawText { get; }
}
