using System.Collections.Frozen;
using Sluice.Sflow.Datagrams;

namespace Sluice.Sflow.Records;

/// <summary>
/// Every flow and counter record format this library decodes, keyed by tag. Flow and counter
/// tags are separate name spaces (0:1 is a sampled header in a flow sample, generic interface
/// counters in a counters sample).
/// </summary>
public static class RecordLayouts
{
    private static readonly FrozenDictionary<uint, RecordLayout[]> FlowLayouts = Index(FlowRecordLayouts.All);
    private static readonly FrozenDictionary<uint, RecordLayout[]> CounterLayouts = Index(CounterRecordLayouts.All);

    public static IEnumerable<RecordLayout> All => FlowRecordLayouts.All.Concat(CounterRecordLayouts.All);

    /// <summary>The layout of a record in a flow or discard sample, or null when unknown.</summary>
    public static RecordLayout? FindFlow(SflowTag tag, uint version) => Find(FlowLayouts, tag, version);

    /// <summary>The layout of a record in a counters sample, or null when unknown.</summary>
    public static RecordLayout? FindCounter(SflowTag tag, uint version) => Find(CounterLayouts, tag, version);

    public static RecordLayout? Find(SampleKind sampleKind, SflowTag tag, uint version) => sampleKind switch
    {
        SampleKind.Counters => FindCounter(tag, version),
        SampleKind.Flow or SampleKind.Discard => FindFlow(tag, version),
        _ => null,
    };

    private static RecordLayout? Find(FrozenDictionary<uint, RecordLayout[]> layouts, SflowTag tag, uint version)
    {
        if (!layouts.TryGetValue(tag.Value, out var candidates))
        {
            return null;
        }

        foreach (var layout in candidates)
        {
            if (version >= layout.MinVersion && version <= layout.MaxVersion)
            {
                return layout;
            }
        }

        return null;
    }

    private static FrozenDictionary<uint, RecordLayout[]> Index(IEnumerable<RecordLayout> layouts) =>
        layouts.GroupBy(l => l.Tag.Value).ToFrozenDictionary(g => g.Key, g => g.ToArray());
}
