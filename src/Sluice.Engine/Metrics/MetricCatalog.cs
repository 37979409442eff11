using System.Collections.Frozen;
using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Metrics;

/// <summary>
/// Every counter metric the engine publishes, with sFlow-RT's names. The mapping itself is the table in
/// <see cref="MetricTable"/>; this class numbers it and answers look-ups.
/// </summary>
public static class MetricCatalog
{
    private static readonly RecordMap[] Maps = Build(MetricTable.Records);
    private static readonly FrozenDictionary<uint, RecordMap> AnyClass = Maps
        .Where(m => m.SourceClass is null).ToFrozenDictionary(m => m.Tag.Value);
    private static readonly FrozenDictionary<uint, RecordMap> VirtualClass = Maps
        .Where(m => m.SourceClass == 3).ToFrozenDictionary(m => m.Tag.Value);
    private static readonly MetricDefinition[] Definitions = Maps
        .SelectMany(m => m.SlotMetrics).OfType<MetricDefinition>().ToArray();
    private static readonly FrozenDictionary<string, MetricDefinition> ByName = Definitions
        .ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Every published metric, grouped by record in table order.</summary>
    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>Number of record groups; a data source keeps one block of values per group it has seen.</summary>
    internal static int GroupCount => Maps.Length;

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric) =>
        ByName.TryGetValue(name, out metric);

    /// <summary>The metrics a counter record format produces, or none when the engine does not map it.</summary>
    public static IEnumerable<MetricDefinition> ForRecord(SflowTag tag, uint sourceClass = 0) =>
        FindRecord(tag, sourceClass)?.SlotMetrics.OfType<MetricDefinition>() ?? [];

    internal static RecordMap? FindRecord(SflowTag tag, uint sourceClass)
    {
        if (sourceClass == 3 && VirtualClass.TryGetValue(tag.Value, out var virtualMap))
        {
            return virtualMap;
        }

        return AnyClass.TryGetValue(tag.Value, out var map) ? map : null;
    }

    internal static RecordMap Group(int group) => Maps[group];

    private static RecordMap[] Build(RecordMap[] maps)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var group = 0; group < maps.Length; group++)
        {
            var map = maps[group];
            map.Group = group;
            var slots = new Dictionary<string, int>(StringComparer.Ordinal);
            var metrics = new List<MetricDefinition?>();
            foreach (var field in map.Fields)
            {
                if (field.Name is null)
                {
                    continue;
                }

                field.Slot = metrics.Count;
                if (!slots.TryAdd(field.Name, field.Slot) || (field.Published && !names.Add(field.Name)))
                {
                    throw new InvalidOperationException($"Metric {field.Name} is defined twice (record {map.Name}).");
                }

                field.InputSlots = field.Inputs.Select(input => slots.TryGetValue(input, out var slot)
                    ? slot
                    : throw new InvalidOperationException($"Metric {field.Name} (record {map.Name}) uses {input}, which is not defined before it.")).ToArray();
                metrics.Add(field.Published
                    ? new MetricDefinition(field.Name, field.Kind, field.Op != DerivedOp.None, map.Tag, group, field.Slot)
                    : null);
            }

            map.SlotCount = metrics.Count;
            map.SlotMetrics = [.. metrics];
        }

        return maps;
    }
}
