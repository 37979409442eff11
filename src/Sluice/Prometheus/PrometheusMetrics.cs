using System.Globalization;
using Sluice.Engine;
using Sluice.Engine.Metrics;

namespace Sluice.Prometheus;

/// <summary>
/// <c>/prometheus/metrics/{agent}/{metric}/txt</c>: one sample per agent × data source × numeric metric, labelled
/// as sFlow-RT does (sflow-rt-api.md §1.9): <c>agent</c>, <c>datasource</c>, <c>host</c> (the agent's
/// <c>2.1.host_name</c>, else its SNMP sysName with <c>snmp.ifname=yes</c>), and for interfaces <c>ifindex</c>, <c>ifname</c>, <c>ifspeed</c>, <c>iftype</c>,
/// <c>ifadminstatus</c>, <c>ifoperstatus</c>. String metrics become labels, not samples.
/// </summary>
internal static class PrometheusMetrics
{
    private static readonly string[] InterfaceLabels = ["ifname", "iftype", "ifadminstatus", "ifoperstatus"];

    /// <summary>
    /// Streams the exposition to <paramref name="output"/> one data source at a time, so a scrape of 50,000
    /// interfaces (hundreds of megabytes of text) never sits in memory whole.
    /// </summary>
    public static async Task RenderAsync(
        SluiceEngine engine, string agent, string metric, MetricFilter filter, string prefix, bool types, TextWriter output, CancellationToken cancel)
    {
        var names = metric.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var all = names.Length == 0 || names.Contains("ALL", StringComparer.OrdinalIgnoreCase);
        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        var text = new PrometheusText(types);
        var metricNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var selection = engine.Select(agent);
        foreach (var state in selection.Agents)
        {
            var host = HostName(state) ?? engine.SnmpNames?.HostName(state.Name);
            foreach (var source in state.DataSources)
            {
                if (source.Metrics is not { } metrics || !filter.Matches(metrics) || !selection.Includes(source))
                {
                    continue;
                }

                var readings = metrics.ReadAll();
                foreach (var reading in readings)
                {
                    if (reading.IsText || double.IsNaN(reading.Number) || !(all || wanted.Contains(reading.Metric.Name)))
                    {
                        continue;
                    }

                    if (!metricNames.TryGetValue(reading.Metric.Name, out var name))
                    {
                        name = PrometheusText.MetricName(prefix, reading.Metric.Name);
                        metricNames[reading.Metric.Name] = name;
                    }

                    text.Sample(name).Label("agent", metrics.AgentName).Label("datasource", metrics.DataSource);
                    if (host is not null)
                    {
                        text.Label("host", host);
                    }

                    // A container or VM (3.N) is named by vir_host, as sFlow-RT's prometheus app labels it; host stays the node.
                    if (metrics.SourceClass == 3 && TextReading(readings, "vir_host_name") is { } virtualHost)
                    {
                        text.Label("vir_host", virtualHost);
                    }

                    if (metrics.SourceClass == 0)
                    {
                        text.Label("ifindex", metrics.SourceIndex.ToString(CultureInfo.InvariantCulture));
                        LabelInterface(text, readings, engine.SnmpNames?.IfName(state.Name, metrics.SourceIndex));
                    }

                    text.Value(reading.Number);
                }

                await text.DrainToAsync(output, cancel).ConfigureAwait(false);
            }
        }
    }

    private static string? TextReading(IReadOnlyList<MetricReading> readings, string name)
    {
        foreach (var reading in readings)
        {
            if (reading.IsText && reading.Metric.Name == name)
            {
                return reading.Text;
            }
        }

        return null;
    }

    /// <param name="snmpIfName">The agent's ifName by SNMP, used when its counters carry no port name.</param>
    private static void LabelInterface(PrometheusText text, IReadOnlyList<MetricReading> readings, string? snmpIfName)
    {
        foreach (var label in InterfaceLabels)
        {
            var found = false;
            foreach (var reading in readings)
            {
                if (reading.IsText && reading.Metric.Name == label)
                {
                    text.Label(label, reading.Text!);
                    found = true;
                    break;
                }
            }

            if (!found && label == "ifname" && snmpIfName is not null)
            {
                text.Label(label, snmpIfName);
            }

            if (label == "ifname")
            {
                foreach (var reading in readings)
                {
                    if (!reading.IsText && reading.Metric.Name == "ifspeed")
                    {
                        text.Label("ifspeed", Speed(reading.Number));
                        break;
                    }
                }
            }
        }
    }

    private static string? HostName(Engine.Agents.AgentState agent) =>
        agent.FindDataSource(2, 1)?.Metrics is { } host && host.TryGetValue("host_name", out var name) && name.IsText
            ? name.Text
            : null;

    /// <summary>sFlow-RT's short form of an interface speed: <c>100M</c>, <c>10G</c>, <c>400G</c>.</summary>
    public static string Speed(double bitsPerSecond)
    {
        var bits = (long)bitsPerSecond;
        return bits switch
        {
            >= 1_000_000_000_000 when bits % 1_000_000_000_000 == 0 => $"{bits / 1_000_000_000_000}T",
            >= 1_000_000_000 when bits % 1_000_000_000 == 0 => $"{bits / 1_000_000_000}G",
            >= 1_000_000 when bits % 1_000_000 == 0 => $"{bits / 1_000_000}M",
            >= 1_000 when bits % 1_000 == 0 => $"{bits / 1_000}K",
            _ => bits.ToString(CultureInfo.InvariantCulture),
        };
    }
}
