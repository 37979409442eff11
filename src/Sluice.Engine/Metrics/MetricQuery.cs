using System.Globalization;
using Sluice.Engine.Flows;

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
    /// <summary>
    /// <c>/metric/{agent}/{metric}/json</c>: one statistic per spec, in request order. A name that <paramref name="flows"/>
    /// knows as a flow metric aggregates the data sources' total flow rates and carries <c>topKeys</c>.
    /// </summary>
    public static IReadOnlyList<MetricStatistic> Statistics(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> specs, MetricFilter? filter, long nowUnixMs, FlowMetricView? flows = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var matching = Filtered(sources, filter);
        var result = new List<MetricStatistic>();
        foreach (var text in specs)
        {
            var spec = MetricSpec.Parse(text);
            result.Add(flows?.Find(spec.Name) is { } tables
                ? Statistic(FlowCells(tables, spec, filter, nowUnixMs), spec, nowUnixMs)
                : Statistic(matching, spec, nowUnixMs));
        }

        return result;
    }

    public static MetricStatistic Statistic(IReadOnlyList<DataSourceMetrics> sources, MetricSpec spec, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(spec);
        var cells = new List<MetricCell>();
        if (MetricCatalog.TryGet(spec.Name, out var metric))
        {
            foreach (var source in sources)
            {
                if ((spec.DataSource is null || spec.DataSource == source.DataSource) && source.TryGetValue(metric, out var reading))
                {
                    cells.Add(MetricCell.Of(source, reading));
                }
            }
        }

        return Statistic(cells, spec, nowUnixMs);
    }

    /// <summary>
    /// <c>/table/{agent}/{metric}/json</c>: one row per data source that has every requested metric.
    /// A first spec <c>sort:&lt;metric&gt;:&lt;±N&gt;</c> sorts by that column (negative = largest first) and keeps |N| rows;
    /// the sort metric is the row's first column. Flow metrics are columns like any other.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<MetricValue>> Table(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> specs, MetricFilter? filter, long nowUnixMs, FlowMetricView? flows = null)
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
        var metrics = new MetricDefinition?[columns.Length];
        var flowColumns = new Dictionary<(string Agent, string DataSource), FlowMetricSource>?[columns.Length];
        var counterColumns = new List<int>();
        for (var i = 0; i < columns.Length; i++)
        {
            if (flows?.Find(columns[i].Name) is { } tables)
            {
                flowColumns[i] = FlowColumn(tables, columns[i], filter);
            }
            else if (MetricCatalog.TryGet(columns[i].Name, out var metric))
            {
                metrics[i] = metric;
                counterColumns.Add(i);
            }
            else
            {
                return [];
            }
        }

        var rows = counterColumns.Count > 0
            ? CounterRows(sources, filter, columns, metrics, counterColumns, flowColumns, nowUnixMs)
            : FlowRows(flowColumns, nowUnixMs);
        if (sorted)
        {
            rows.Sort((a, b) => Compare(a[0], b[0]) * (sortDescending ? -1 : 1));
        }

        return rows.Take(limit)
            .Select(row => (IReadOnlyList<MetricValue>)row.Select(cell => ToValue(cell, nowUnixMs, topKeys: false)).ToArray())
            .ToList();
    }

    /// <summary>
    /// <c>/dump/{agent}/{metric}/json</c>: every value of the named metrics (or of all, for <c>ALL</c>). Flow metrics give one
    /// entry per data source with its <c>topKeys</c>.
    /// </summary>
    public static IReadOnlyList<MetricValue> Dump(
        IEnumerable<DataSourceMetrics> sources, IEnumerable<string> names, MetricFilter? filter, long nowUnixMs, FlowMetricView? flows = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var nameList = names.ToList();
        var all = nameList.Count == 0 || nameList.Contains("ALL", StringComparer.Ordinal);
        var counterSpecs = new List<MetricSpec>();
        var flowCells = new List<MetricCell>();
        if (all)
        {
            foreach (var name in flows?.Names ?? [])
            {
                if (flows!.Find(name) is { } tables)
                {
                    flowCells.AddRange(FlowCells(tables, MetricSpec.Parse(name), filter, nowUnixMs));
                }
            }
        }
        else
        {
            foreach (var spec in nameList.Select(MetricSpec.Parse))
            {
                if (flows?.Find(spec.Name) is { } tables)
                {
                    flowCells.AddRange(FlowCells(tables, spec, filter, nowUnixMs));
                }
                else
                {
                    counterSpecs.Add(spec);
                }
            }
        }

        var result = new List<MetricValue>();
        foreach (var source in Filtered(sources, filter))
        {
            if (all)
            {
                result.AddRange(source.ReadAll().Select(r => ToValue(MetricCell.Of(source, r), nowUnixMs, topKeys: false)));
                continue;
            }

            foreach (var spec in counterSpecs)
            {
                if ((spec.DataSource is null || spec.DataSource == source.DataSource) && source.TryGetValue(spec.Name, out var reading))
                {
                    result.Add(ToValue(MetricCell.Of(source, reading), nowUnixMs, topKeys: false));
                }
            }
        }

        result.AddRange(flowCells.Select(cell => ToValue(cell, nowUnixMs, topKeys: true)));
        return result;
    }

    /// <summary><c>/metric/{agent}/json</c>: <c>"&lt;datasource&gt;.&lt;metric&gt;"</c> → latest value (double or string) for one agent's data sources.</summary>
    public static IReadOnlyDictionary<string, object> AgentValues(IEnumerable<DataSourceMetrics> sources) => AgentValues(sources, null, 0);

    /// <summary>As <see cref="AgentValues(IEnumerable{DataSourceMetrics})"/>, with each flow metric's total rate per data source.</summary>
    public static IReadOnlyDictionary<string, object> AgentValues(IEnumerable<DataSourceMetrics> sources, FlowMetricView? flows, long nowUnixMs)
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

        foreach (var name in flows?.Names ?? [])
        {
            foreach (var table in flows!.Find(name) ?? [])
            {
                result[table.DataSource.Name + "." + name] = table.Total(nowUnixMs);
            }
        }

        return result;
    }

    /// <summary><c>/metrics/json</c>: metric name → ms since any data source last updated it; flow names included when <paramref name="flows"/> is given.</summary>
    public static IReadOnlyDictionary<string, long> LastSeen(IEnumerable<DataSourceMetrics> sources, long nowUnixMs, FlowMetricView? flows = null)
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

        foreach (var name in flows?.Names ?? [])
        {
            var tables = flows!.Find(name) ?? [];
            if (tables.Count > 0)
            {
                newest[name] = tables.Max(t => t.LastUpdateUnixMs);
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

    /// <summary>The flow tables a spec and filter select (the filter reads the data source's counter metrics), as cells.</summary>
    private static List<MetricCell> FlowCells(IReadOnlyList<FlowMetricSource> tables, MetricSpec spec, MetricFilter? filter, long nowUnixMs)
    {
        var cells = new List<MetricCell>(tables.Count);
        foreach (var table in tables)
        {
            if (Selects(table, spec, filter))
            {
                cells.Add(MetricCell.Of(table, nowUnixMs));
            }
        }

        return cells;
    }

    private static Dictionary<(string Agent, string DataSource), FlowMetricSource> FlowColumn(
        IReadOnlyList<FlowMetricSource> tables, MetricSpec spec, MetricFilter? filter)
    {
        var column = new Dictionary<(string, string), FlowMetricSource>();
        foreach (var table in tables)
        {
            if (Selects(table, spec, filter))
            {
                column[(table.Agent, table.DataSource.Name)] = table;
            }
        }

        return column;
    }

    private static bool Selects(FlowMetricSource table, MetricSpec spec, MetricFilter? filter) =>
        (spec.DataSource is null || spec.DataSource == table.DataSource.Name)
        && (filter is null || filter.IsEmpty || (table.DataSource.Metrics is { } counters && filter.Matches(counters)));

    /// <summary>Table rows when some column is a counter metric: each data source with counters that has every column.</summary>
    private static List<MetricCell[]> CounterRows(
        IEnumerable<DataSourceMetrics> sources,
        MetricFilter? filter,
        MetricSpec[] columns,
        MetricDefinition?[] metrics,
        List<int> counterColumns,
        Dictionary<(string Agent, string DataSource), FlowMetricSource>?[] flowColumns,
        long nowUnixMs)
    {
        var rows = new List<MetricCell[]>();
        var wanted = counterColumns.Select(i => metrics[i]!).ToArray();
        var readings = new MetricReading[wanted.Length];
        var present = new bool[wanted.Length];
        foreach (var source in Filtered(sources, filter))
        {
            if (columns.Any(c => c.DataSource is not null && c.DataSource != source.DataSource))
            {
                continue;
            }

            source.Read(wanted, readings, present);
            if (!Array.TrueForAll(present, p => p))
            {
                continue;
            }

            var row = new MetricCell[columns.Length];
            for (var i = 0; i < counterColumns.Count; i++)
            {
                row[counterColumns[i]] = MetricCell.Of(source, readings[i]);
            }

            if (FillFlowCells(row, flowColumns, (source.AgentName, source.DataSource), nowUnixMs))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Table rows when every column is a flow metric: each data source that has every flow.</summary>
    private static List<MetricCell[]> FlowRows(Dictionary<(string Agent, string DataSource), FlowMetricSource>?[] flowColumns, long nowUnixMs)
    {
        var rows = new List<MetricCell[]>();
        if (flowColumns.Length == 0)
        {
            return rows;
        }

        foreach (var key in flowColumns[0]!.Keys)
        {
            var row = new MetricCell[flowColumns.Length];
            if (FillFlowCells(row, flowColumns, key, nowUnixMs))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static bool FillFlowCells(
        MetricCell[] row, Dictionary<(string Agent, string DataSource), FlowMetricSource>?[] flowColumns, (string, string) key, long nowUnixMs)
    {
        for (var i = 0; i < flowColumns.Length; i++)
        {
            if (flowColumns[i] is not { } column)
            {
                continue;
            }

            if (!column.TryGetValue(key, out var table))
            {
                return false;
            }

            row[i] = MetricCell.Of(table, nowUnixMs);
        }

        return true;
    }

    private static MetricStatistic Statistic(List<MetricCell> cells, MetricSpec spec, long nowUnixMs)
    {
        var usesText = spec.Aggregation is MetricAggregation.Max or MetricAggregation.Min or MetricAggregation.Any;
        if (!usesText)
        {
            cells.RemoveAll(c => c.IsText);
        }

        if (cells.Count == 0)
        {
            return new MetricStatistic { MetricName = spec.Text, MetricN = 0 };
        }

        var (winner, value, quartiles) = Aggregate(spec.Aggregation, cells);
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var cell in cells)
        {
            oldest = Math.Min(oldest, cell.LastUpdateUnixMs);
            newest = Math.Max(newest, cell.LastUpdateUnixMs);
        }

        return new MetricStatistic
        {
            Agent = winner.Agent,
            DataSource = winner.DataSource,
            MetricName = spec.Text,
            MetricValue = value,
            MetricN = cells.Count,
            LastUpdate = Age(nowUnixMs, winner.LastUpdateUnixMs),
            LastUpdateMin = Age(nowUnixMs, newest),
            LastUpdateMax = Age(nowUnixMs, oldest),
            Quartiles = quartiles,
            TopKeys = TopKeys(spec.Aggregation, winner, cells, nowUnixMs),
        };
    }

    /// <summary>
    /// A flow statistic's top keys: the winning data source's for <c>max</c>, <c>min</c>, <c>any</c> (or when only one
    /// data source matched); the keys summed over every data source for <c>sum</c>; none for the other aggregations,
    /// whose value belongs to no data source.
    /// </summary>
    private static IReadOnlyList<FlowRate>? TopKeys(MetricAggregation aggregation, MetricCell winner, List<MetricCell> cells, long nowUnixMs)
    {
        if (winner.Flow is not { } flow)
        {
            return null;
        }

        if (cells.Count == 1 || aggregation is MetricAggregation.Max or MetricAggregation.Min or MetricAggregation.Any)
        {
            return flow.TopKeys(nowUnixMs);
        }

        if (aggregation != MetricAggregation.Sum)
        {
            return null;
        }

        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            foreach (var rate in cell.Flow!.TopKeys(nowUnixMs))
            {
                sums[rate.Key] = sums.GetValueOrDefault(rate.Key) + rate.Value;
            }
        }

        return sums.Select(e => new FlowRate(e.Key, e.Value)).OrderByDescending(r => r.Value).Take(flow.N).ToList();
    }

    private static (MetricCell Winner, object Value, MetricQuartiles? Quartiles) Aggregate(MetricAggregation aggregation, List<MetricCell> cells)
    {
        switch (aggregation)
        {
            case MetricAggregation.Any:
                return (cells[0], cells[0].Value, null);
            case MetricAggregation.Max:
            case MetricAggregation.Min:
            {
                var best = cells[0];
                foreach (var candidate in cells)
                {
                    var order = Compare(candidate, best);
                    if (aggregation == MetricAggregation.Max ? order > 0 : order < 0)
                    {
                        best = candidate;
                    }
                }

                return (best, best.Value, null);
            }
        }

        var newest = cells[0];
        foreach (var candidate in cells)
        {
            if (candidate.LastUpdateUnixMs > newest.LastUpdateUnixMs)
            {
                newest = candidate;
            }
        }

        var values = cells.Select(c => c.Number).ToArray();
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
    private static int Compare(MetricCell a, MetricCell b) => (a.Text, b.Text) switch
    {
        (null, null) => a.Number.CompareTo(b.Number),
        (null, _) => -1,
        (_, null) => 1,
        _ => string.CompareOrdinal(a.Text, b.Text),
    };

    private static MetricValue ToValue(MetricCell cell, long nowUnixMs, bool topKeys) =>
        new(cell.Agent, cell.DataSource, cell.Name, cell.Value, Age(nowUnixMs, cell.LastUpdateUnixMs))
        {
            TopKeys = topKeys ? cell.Flow?.TopKeys(nowUnixMs) : null,
        };

    private static long Age(long nowUnixMs, long thenUnixMs) => Math.Max(0, nowUnixMs - thenUnixMs);
}
