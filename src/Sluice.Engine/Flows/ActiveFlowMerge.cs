using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows;

/// <summary>
/// Merges one definition's flows from many data sources into <c>/activeflows</c> rows (sflow-rt-api.md §3.3).
/// With <c>max</c> (the default) a key seen at several data sources is the whole row of the data source where
/// its <c>value</c> is largest. With <c>sum</c> each value combines by its kind: sums add up, <c>min:</c> takes
/// the smallest, <c>max:</c> the largest, and <c>avg:</c> and <c>count:</c> (which cannot be added) come from the
/// data source with the largest <c>value</c>; <c>agent</c> and <c>dataSource</c> name that data source too.
/// </summary>
/// <remarks>
/// <c>edge</c> merges like <c>sum</c> over the edge ports only (data sources that are not ends of topology links), each
/// adding only the samples that entered the network there (<see cref="FlowTable.Entering"/>): a packet is sampled
/// entering the fabric once, so each counts once however many switches it crosses, and whether the agents sample
/// ingress only or both directions. <c>core</c> merges like <c>max</c> over the link ends only. Without a topology
/// every data source is an edge port.
/// </remarks>
internal sealed class ActiveFlowMerge(IReadOnlyList<FlowValueKind> kinds, bool sum, FlowKeyFilter? filter)
{
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);

    /// <summary>sFlow-RT's <c>aggMode</c> text: <c>max</c> (also the fallback for others, such as <c>AGENT</c>), <c>sum</c>, <c>edge</c>, <c>core</c>.</summary>
    public static FlowAggregation ParseMode(string? text) => text?.ToUpperInvariant() switch
    {
        "SUM" => FlowAggregation.Sum,
        "EDGE" => FlowAggregation.Edge,
        "CORE" => FlowAggregation.Core,
        _ => FlowAggregation.Max,
    };

    public void Add(in FlowRate rate, DataSourceState source)
    {
        if (_rows.TryGetValue(rate.Key, out var row))
        {
            row.Merge(rate, source, sum, kinds);
            return;
        }

        if (_rejected.Contains(rate.Key))
        {
            return;
        }

        if (filter is not null && !filter.Matches(rate.Key))
        {
            _rejected.Add(rate.Key);
            return;
        }

        _rows[rate.Key] = new Row(rate, source);
    }

    /// <summary>Rows with a value of at least <paramref name="minValue"/>, largest first, at most <paramref name="maxFlows"/>.</summary>
    public List<ActiveFlow> Result(double minValue, int maxFlows)
    {
        var result = new List<ActiveFlow>();
        foreach (var (key, row) in _rows)
        {
            if (row.Value >= minValue)
            {
                result.Add(new ActiveFlow(key, row.Value, row.Source.Agent.ToString(), row.Source.Name, row.Values));
            }
        }

        result.Sort((a, b) => b.Value.CompareTo(a.Value));
        var keep = Math.Max(0, maxFlows);
        if (result.Count > keep)
        {
            result.RemoveRange(keep, result.Count - keep);
        }

        return result;
    }

    private sealed class Row(FlowRate rate, DataSourceState source)
    {
        private double _bestValue = rate.Value;

        public double Value { get; private set; } = rate.Value;

        public DataSourceState Source { get; private set; } = source;

        public double[]? Values { get; private set; } = rate.Values is null ? null : [.. rate.Values];

        public void Merge(in FlowRate rate, DataSourceState source, bool sum, IReadOnlyList<FlowValueKind> kinds)
        {
            var best = rate.Value > _bestValue;
            if (!sum)
            {
                if (best)
                {
                    Value = _bestValue = rate.Value;
                    Source = source;
                    Values = rate.Values is null ? null : [.. rate.Values];
                }

                return;
            }

            Value = Combine(kinds[0], Value, rate.Value, best);
            if (Values is not null && rate.Values is not null)
            {
                for (var i = 0; i < Values.Length && i < rate.Values.Count; i++)
                {
                    Values[i] = Combine(kinds[i + 1], Values[i], rate.Values[i], best);
                }
            }

            if (best)
            {
                _bestValue = rate.Value;
                Source = source;
            }
        }

        private static double Combine(FlowValueKind kind, double merged, double next, bool best) => kind switch
        {
            FlowValueKind.Sum => merged + next,
            FlowValueKind.Minimum => Math.Min(merged, next),
            FlowValueKind.Maximum => Math.Max(merged, next),
            _ => best ? next : merged,
        };
    }
}
