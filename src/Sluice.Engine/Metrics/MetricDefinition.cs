using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Metrics;

/// <summary>One counter metric as sFlow-RT names it, and the counter record it comes from.</summary>
public sealed record MetricDefinition
{
    internal MetricDefinition(string name, MetricKind kind, bool derived, SflowTag record, int group, int slot)
    {
        Name = name;
        Kind = kind;
        Derived = derived;
        Record = record;
        Group = group;
        Slot = slot;
    }

    public string Name { get; }

    public MetricKind Kind { get; }

    /// <summary>Computed from other fields of its record rather than read from one field.</summary>
    public bool Derived { get; }

    /// <summary>The counter record format that carries the metric.</summary>
    public SflowTag Record { get; }

    /// <summary>The record group (one per record layout) the value is stored in.</summary>
    internal int Group { get; }

    /// <summary>The value's index within its group.</summary>
    internal int Slot { get; }
}
