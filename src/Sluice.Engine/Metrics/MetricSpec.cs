namespace Sluice.Engine.Metrics;

/// <summary>
/// One requested metric: <c>[prefix:][datasource.]name</c>, e.g. <c>load_one</c>, <c>avg:ifinutilization</c>,
/// <c>2.1.load_one</c>, <c>any:15.ifname</c>. Metric names never contain a dot, so the data source is
/// everything before the last one.
/// </summary>
public sealed record MetricSpec(string Text, MetricAggregation Aggregation, string? DataSource, string Name)
{
    public static MetricSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var aggregation = MetricAggregation.Max;
        var rest = text.AsSpan().Trim();
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            if (!TryParseAggregation(rest[..colon], out aggregation))
            {
                throw new FormatException($"Unknown aggregation '{rest[..colon]}' in metric '{text}'.");
            }

            rest = rest[(colon + 1)..];
        }

        string? dataSource = null;
        var dot = rest.LastIndexOf('.');
        if (dot >= 0)
        {
            dataSource = rest[..dot].ToString();
            rest = rest[(dot + 1)..];
        }

        if (rest.IsEmpty)
        {
            throw new FormatException($"Missing metric name in '{text}'.");
        }

        return new MetricSpec(text, aggregation, dataSource, rest.ToString());
    }

    public static bool TryParseAggregation(ReadOnlySpan<char> prefix, out MetricAggregation aggregation) =>
        Enum.TryParse(prefix, ignoreCase: true, out aggregation) && !int.TryParse(prefix, out _);
}
