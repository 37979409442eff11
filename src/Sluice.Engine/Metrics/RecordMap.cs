using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Metrics;

/// <summary>How one counter record format becomes metrics: its fields in XDR order, then derived metrics.</summary>
internal sealed class RecordMap
{
    public RecordMap(SflowTag tag, string name, params MetricField[] fields)
    {
        Tag = tag;
        Name = name;
        Fields = fields;
    }

    public SflowTag Tag { get; }

    public string Name { get; }

    public MetricField[] Fields { get; }

    /// <summary>Only for data sources of this sFlow source class (e.g. 3 for virtual machines), or null for any.</summary>
    public uint? SourceClass { get; init; }

    /// <summary>Index of the record group. Set when the catalog is built.</summary>
    public int Group { get; set; }

    /// <summary>Number of slots (named fields and derived metrics). Set when the catalog is built.</summary>
    public int SlotCount { get; set; }

    /// <summary>Published metric of each slot (null for hidden ones). Set when the catalog is built.</summary>
    public MetricDefinition?[] SlotMetrics { get; set; } = [];
}
