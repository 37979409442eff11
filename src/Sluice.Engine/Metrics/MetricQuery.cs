using System.Globalization;

namespace Sluice.Engine.Metrics;

/// <summary>
/// The reader side of the counter store: sFlow-RT's <c>/metric</c>, <c>/table</c>, <c>/dump</c> and
/// <c>/metrics</c> queries over data sources the engine has already narrowed to the requested agents.
/// Every value is read under the data source's seqlock, so no query waits for a decode worker.
/// </summary>
/// <remarks>
/// Aggregation choices where sFlow-RT documents none: <c>var</c> is the population variance and
/// <c>sdev</c> its square root; quartiles interpolate linearly between order statistics (position
/// (n−1)·p, like NumPy's default); <c>iqr</c> = q3 − q1. <c>max</c>/<c>min</c> name the winning data
/// source; <c>any</c> the first match; the other aggregations the most recently updated one. Strings
/// take part only in <c>max</c>, <c>min</c> (ordinal order) and <c>any</c>.
/// </remarks>
public static class MetricQuery
{
    /// <summary><c>/metric/{agent}/{metric}/json</c>: one statistic per spec, in request order.</summary>
    public static IReadOnlyList<MetricStatistic> Statistics(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> specs, MetricFilter? filter, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var matching = Filtered(sources, filter);
        var result = new List<MetricStatistic>();
        foreach (var text in specs)
        {
            result.Add(Statistic(matching, MetricSpec.Parse(text), nowUnixMs));
        }

        return result;
    }

    public static MetricStatistic Statistic(IReadOnlyList<DataSourceMetrics> sources, MetricSpec spec, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(spec);
        var readings = new List<(DataSourceMetrics Source, MetricReading Reading)>();
        if (MetricCatalog.TryGet(spec.Name, out var metric))
        {
            foreach (var source in sources)
            {
                if ((spec.DataSource is null || spec.DataSource == source.DataSource) && source.TryGetValue(metric, out var reading))
                {
                    readings.Add((source, reading));
                }
            }
        }

        var usesText = spec.Aggregation is MetricAggregation.Max or MetricAggregation.Min or MetricAggregation.Any;
        if (!usesText)
        {
            readings.RemoveAll(r => r.Reading.IsText);
        }

        if (readings.Count == 0)
        {
            return new MetricStatistic { MetricName = spec.Text, MetricN = 0 };
        }

        var (winner, value, quartiles) = Aggregate(spec.Aggregation, readings);
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var (_, reading) in readings)
        {
            oldest = Math.Min(oldest, reading.LastUpdateUnixMs);
            newest = Math.Max(newest, reading.LastUpdateUnixMs);
        }

        return new MetricStatistic
        {
            Agent = winner.Source.AgentName,
            DataSource = winner.Source.DataSource,
            MetricName = spec.Text,
            MetricValue = value,
            MetricN = readings.Count,
            LastUpdate = Age(nowUnixMs, winner.Reading.LastUpdateUnixMs),
            LastUpdateMin = Age(nowUnixMs, newest),
            LastUpdateMax = Age(nowUnixMs, oldest),
            Quartiles = quartiles,
        };
    }

    /// <summary>
    /// <c>/table/{agent}/{metric}/json</c>: one row per data source that has every requested metric.
    /// A first spec <c>sort:&lt;metric&gt;:&lt;±N&gt;</c> sorts by that column (negative = largest first) and keeps |N| rows;
    /// the sort metric is the row's first column.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<MetricValue>> Table(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> specs, MetricFilter? filter, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = specs.ToList();
        var sortDescending = false;
        var limit = int.MaxValue;
        var sorted = false;
        if (list.Count > 0 && list[0].StartsWith("sort:", StringComparison.Ordinal))
        {
            var parts = list[0].Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                throw new FormatException($"Expected sort:<metric>:<±N>, got '{list[0]}'.");
            }

            list[0] = parts[1];
            sorted = true;
            sortDescending = n < 0;
            limit = n == int.MinValue ? int.MaxValue : Math.Abs(n);
        }

        var columns = list.Select(MetricSpec.Parse).ToArray();
        var metrics = new MetricDefinition[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!MetricCatalog.TryGet(columns[i].Name, out var metric))
            {
                return [];
            }

            metrics[i] = metric;
        }

        var rows = new List<(MetricReading[] Readings, DataSourceMetrics Source)>();
        var present = new bool[metrics.Length];
        foreach (var source in Filtered(sources, filter))
        {
            if (columns.Any(c => c.DataSource is not null && c.DataSource != source.DataSource))
            {
                continue;
            }

            var readings = new MetricReading[metrics.Length];
            source.Read(metrics, readings, present);
            if (Array.TrueForAll(present, p => p))
            {
                rows.Add((readings, source));
            }
        }

        if (sorted)
        {
            rows.Sort((a, b) => Compare(a.Readings[0], b.Readings[0]) * (sortDescending ? -1 : 1));
        }

        return rows.Take(limit)
            .Select(row => (IReadOnlyList<MetricValue>)row.Readings.Select(r => ToValue(row.Source, r, nowUnixMs)).ToArray())
            .ToList();
    }

    /// <summary><c>/dump/{agent}/{metric}/json</c>: every value of the named metrics (or of all, for <c>ALL</c>).</summary>
    public static IReadOnlyList<MetricValue> Dump(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> names, MetricFilter? filter, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(names);
        var nameList = names.ToList();
        var all = nameList.Count == 0 || nameList.Contains("ALL", StringComparer.Ordinal);
        var specs = all ? [] : nameList.Select(MetricSpec.Parse).ToArray();
        var result = new List<MetricValue>();
        foreach (var source in Filtered(sources, filter))
        {
            if (all)
            {
                result.AddRange(source.ReadAll().Select(r => ToValue(source, r, nowUnixMs)));
                continue;
            }

            foreach (var spec in specs)
            {
                if ((spec.DataSource is null || spec.DataSource == source.DataSource) && source.TryGetValue(spec.Name, out var reading))
                {
                    result.Add(ToValue(source, reading, nowUnixMs));
                }
            }
        }

        return result;
    }

    /// <summary><c>/metric/{agent}/json</c>: <c>"&lt;datasource&gt;.&lt;metric&gt;"</c> → latest value (double or string) for one agent's data sources.</summary>
    public static IReadOnlyDictionary<string, object> AgentValues(IEnumerable<DataSourceMetrics> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var reading in source.ReadAll())
            {
                result[source.DataSource + "." + reading.Metric.Name] = reading.Value;
            }
        }

        return result;
    }

    /// <summary><c>/metrics/json</c>: metric name → ms since any data source last updated it.</summary>
    public static IReadOnlyDictionary<string, long> LastSeen(IEnumerable<DataSourceMetrics> sources, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var reading in source.ReadAll())
            {
                if (!newest.TryGetValue(reading.Metric.Name, out var time) || reading.LastUpdateUnixMs > time)
                {
                    newest[reading.Metric.Name] = reading.LastUpdateUnixMs;
                }
            }
        }

        return new SortedDictionary<string, long>(
            newest.ToDictionary(e => e.Key, e => Age(nowUnixMs, e.Value), StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>The data sources of <paramref name="sources"/> not updated within <paramref name="maxAgeMs"/>, for the engine to drop.</summary>
    public static IReadOnlyList<DataSourceMetrics> Stale(IEnumerable<DataSourceMetrics> sources, long nowUnixMs, long maxAgeMs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.Where(s => s.IsStale(nowUnixMs, maxAgeMs)).ToList();
    }

    private static List<DataSourceMetrics> Filtered(IEnumerable<DataSourceMetrics> sources, MetricFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return filter is null || filter.IsEmpty ? sources.ToList() : sources.Where(filter.Matches).ToList();
    }

    private static ((DataSourceMetrics Source, MetricReading Reading) Winner, object Value, MetricQuartiles? Quartiles) Aggregate(
        MetricAggregation aggregation, List<(DataSourceMetrics Source, MetricReading Reading)> readings)
    {
        switch (aggregation)
        {
            case MetricAggregation.Any:
                return (readings[0], readings[0].Reading.Value, null);
            case MetricAggregation.Max:
            case MetricAggregation.Min:
            {
                var best = readings[0];
                foreach (var candidate in readings)
                {
                    var order = Compare(candidate.Reading, best.Reading);
                    if (aggregation == MetricAggregation.Max ? order > 0 : order < 0)
                    {
                        best = candidate;
                    }
                }

                return (best, best.Reading.Value, null);
            }
        }

        var newest = readings[0];
        foreach (var candidate in readings)
        {
            if (candidate.Reading.LastUpdateUnixMs > newest.Reading.LastUpdateUnixMs)
            {
                newest = candidate;
            }
        }

        var values = readings.Select(r => r.Reading.Number).ToArray();
        Array.Sort(values);
        var n = values.Length;
        var sum = values.Sum();
        var mean = sum / n;
        var variance = values.Sum(v => (v - mean) * (v - mean)) / n;
        double value = aggregation switch
        {
            MetricAggregation.Sum => sum,
            MetricAggregation.Avg => mean,
            MetricAggregation.Var => variance,
            MetricAggregation.Sdev => Math.Sqrt(variance),
            MetricAggregation.Q1 => Quantile(values, 0.25),
            MetricAggregation.Q3 => Quantile(values, 0.75),
            MetricAggregation.Iqr => Quantile(values, 0.75) - Quantile(values, 0.25),
            _ => Quantile(values, 0.5), // med, q2
        };
        var quartiles = aggregation == MetricAggregation.Med
            ? new MetricQuartiles(values[0], Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), values[^1])
            : null;
        return (newest, value, quartiles);
    }

    /// <summary>Linear interpolation between the order statistics around position (n−1)·p of sorted values.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        var position = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    /// <summary>Numbers before strings; numbers by value, strings ordinally.</summary>
    private static int Compare(MetricReading a, MetricReading b) => (a.Text, b.Text) switch
    {
        (null, null) => a.Number.CompareTo(b.Number),
        (null, _) => -1,
        (_, null) => 1,
        _ => string.CompareOrdinal(a.Text, b.Text),
    };

    private static MetricValue ToValue(DataSourceMetrics source, MetricReading reading, long nowUnixMs) =>
        new(source.AgentName, source.DataSource, reading.Metric.Name, reading.Value, Age(nowUnixMs, reading.LastUpdateUnixMs));

    private static long Age(long nowUnixMs, long thenUnixMs) => Math.Max(0, nowUnixMs - thenUnixMs);
}
