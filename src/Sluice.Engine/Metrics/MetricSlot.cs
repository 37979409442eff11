namespace Sluice.Engine.Metrics;

/// <summary>One metric of a data source: its published value and what computing the next rate needs.</summary>
internal struct MetricSlot
{
    public double Value;
    public long Time;
    public ulong Raw;
    public bool HasPrevious;
    public bool Fresh;
}
