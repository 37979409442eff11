namespace Sluice.Engine.Flows.Logging;

/// <summary>A tracked flow in <see cref="FlowLogCache"/>: totals so far, and its place in the least-recently-seen list.</summary>
internal struct FlowLogEntry
{
    public FlowLogKey Key;
    public long StartMs;
    public long LastMs;
    public double Value;
    public double Frames;
    public double Bytes;

    /// <summary>Running sums, minima or maxima of the definition's <c>values</c> (null without values).</summary>
    public double[]? Values;

    /// <summary>The key fields encoded for IPFIX when the flow started (null without export).</summary>
    public byte[]? ExportKey;

    public int Previous;
    public int Next;
}
