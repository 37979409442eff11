using Sluice.Api;
using Sluice.Engine;
using Sluice.Engine.Metrics;

namespace Sluice.Prometheus;

/// <summary>
/// The Prometheus app's statistics export, served natively at its URL
/// <c>/app/prometheus/scripts/export.js/statistics/{group}/{agent}/{metric}/txt</c> (sflow-rt-api.md §2.2): the
/// <c>metric()</c> query's summary statistics, one sample per requested metric labelled with the group, e.g.
/// <c>sflow_max_load_one{group="cluster"} 11.2</c>. Counter and flow metrics alike; aggregation prefixes are part of the name.
/// </summary>
internal static class StatisticsExport
{
    /// <summary>
    /// The exposition text: <paramref name="prefix"/> + the sanitized metric name (with its prefix), for each statistic
    /// that has a numeric value, once per name (a metric asked for twice is written once).
    /// </summary>
    public static string Render(SluiceEngine engine, string group, string agent, string metric, MetricFilter filter, string prefix, bool types)
    {
        var text = new PrometheusText(types);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statistic in MetricEndpoints.Statistics(engine, agent, metric, filter))
        {
            if (statistic.MetricN == 0 || statistic.MetricValue is not double value)
            {
                continue;
            }

            var name = PrometheusText.MetricName(prefix, statistic.MetricName);
            if (written.Add(name))
            {
                text.Sample(name).Label("group", group).Value(value);
            }
        }

        return text.ToString();
    }
}
