using System.Globalization;

namespace Sluice.Engine.Metrics;

/// <summary>
/// A metric filter from query parameters (<c>?os_name=linux&amp;os_name=windows&amp;host_name=*web.*</c>):
/// a data source passes when, for every name, its own value of that metric matches one of the patterns.
/// A pattern matches a string metric exactly or as a wildcard (<c>*</c>, <c>?</c>, see
/// <see cref="WildcardPattern"/>); it matches a number when it parses to an equal number, or as a
/// wildcard over the number's shortest invariant text (<c>1e+09</c> style is not used: 1000000000).
/// A data source without the metric does not pass.
/// </summary>
public sealed class MetricFilter
{
    private readonly (MetricDefinition? Metric, string[] Patterns)[] _terms;

    public MetricFilter(IEnumerable<KeyValuePair<string, IEnumerable<string>>> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = terms
            .Select(t => (MetricCatalog.TryGet(t.Key, out var metric) ? metric : null, t.Value.ToArray()))
            .ToArray();
    }

    public static MetricFilter Empty { get; } = new([]);

    public bool IsEmpty => _terms.Length == 0;

    public bool Matches(DataSourceMetrics source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (metric, patterns) in _terms)
        {
            if (metric is null || !source.TryGetValue(metric, out var reading) || !MatchesAny(reading, patterns))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesAny(MetricReading reading, string[] patterns)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(reading, pattern))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(MetricReading reading, string pattern)
    {
        if (reading.Text is { } text)
        {
            return WildcardPattern.HasWildcards(pattern) ? WildcardPattern.IsMatch(pattern, text) : pattern == text;
        }

        if (WildcardPattern.HasWildcards(pattern))
        {
            return WildcardPattern.IsMatch(pattern, reading.Number.ToString("0.################", CultureInfo.InvariantCulture));
        }

        return double.TryParse(pattern, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == reading.Number;
    }
}
