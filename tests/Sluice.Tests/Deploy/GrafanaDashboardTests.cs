using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Deploy;

/// <summary>
/// <c>deploy/grafana/dashboards/*.json</c>: each parses, and every PromQL query selects only metrics Sluice exports:
/// those of <c>/prometheus/metrics/ALL/ALL/txt</c> from a demo <c>sluice serve</c> and the flow metrics that
/// <c>prometheus.yml</c>'s jobs ask the flow export for.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static IEnumerable<string> DashboardFiles => Directory.GetFiles(DeployFiles.PathOf("grafana/dashboards"), "*.json").Order(StringComparer.Ordinal);

    [Fact]
    public void Dashboards_Parse_WithUniqueUidsAndQueriesInEveryChart()
    {
        var dashboards = DashboardFiles.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();

        Assert.Equal(
            ["Sluice Countries and Networks", "Sluice Interface Utilization", "Sluice Top Flows"],
            dashboards.Select(d => d.GetProperty("title").GetString()));
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.GetProperty("uid").GetString()).Distinct().Count());
        Assert.All(
            dashboards.SelectMany(d => d.GetProperty("panels").EnumerateArray()).Where(p => p.GetProperty("type").GetString() != "text"),
            p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString())));
    }

    [Fact]
    public void CountriesAndNetworks_Queries_AreTheSeedsTopkQueriesBesideTheDbIpAttribution()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(DeployFiles.PathOf("grafana/dashboards/sluice-countries-networks.json"))).RootElement;
        var queries = Queries(dashboard).ToList();
        var text = dashboard.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "text")
            .GetProperty("options").GetProperty("content").GetString()!;

        Assert.Contains("topk(10, sum(ip_src_dst_bps) by (src))", queries);
        Assert.Contains("topk(10,sum(ip_countries_bps{src!=\"unknown\"}) by (src))", queries);
        Assert.Contains("DB-IP", text, StringComparison.Ordinal);
        Assert.Contains("https://db-ip.com", text, StringComparison.Ordinal);
        Assert.Contains("CC BY 4.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardQueries_MetricNames_AreAllExportedBySluice()
    {
        var exported = await ExportedMetricNamesAsync();
        var used = DashboardFiles
            .SelectMany(f => Queries(JsonDocument.Parse(File.ReadAllText(f)).RootElement).Select(q => (File: Path.GetFileName(f), Query: q)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u =>
        {
            var names = PromQlMetricNames.Of(u.Query);
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.True(exported.Contains(n), $"{u.File}: '{u.Query}' uses {n}, which Sluice does not export"));
        });
    }

    /// <summary>Every panel target's <c>expr</c> and every query-variable's query.</summary>
    private static IEnumerable<string> Queries(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    yield return target.GetProperty("expr").GetString()!;
                }
            }
        }

        foreach (var variable in dashboard.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                yield return variable.GetProperty("query").GetString()!;
            }
        }
    }

    private static async Task<HashSet<string>> ExportedMetricNamesAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in DeployFiles.LoadYaml("prometheus/prometheus.yml").Single().Items("scrape_configs"))
        {
            if (job.Text("metrics_path").Contains("/flows/", StringComparison.Ordinal))
            {
                names.Add(job.Child("params").Texts("metric").Single());
            }
        }

        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        var text = string.Empty;
        // Utilizations are rates: they appear once each demo interface has sent its second counter sample.
        await Eventually.UntilAsync(
            async () =>
            {
                text = await host.Http.GetStringAsync(new Uri("/prometheus/metrics/ALL/ALL/txt", UriKind.Relative), TestContext.Current.CancellationToken);
                return text.Contains("sflow_ifinutilization{", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(60),
            () => Task.FromResult(text));
        foreach (Match name in MetricName().Matches(text))
        {
            names.Add(name.Value);
        }

        return names;
    }

    [GeneratedRegex(@"^[A-Za-z_:][A-Za-z0-9_:]*", RegexOptions.Multiline)]
    private static partial Regex MetricName();
}
