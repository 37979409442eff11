using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>) scrapes <c>/prometheus/metrics/ALL/ALL/txt</c> and
/// <c>/prometheus/analyzer/txt</c> (and the Prometheus app's statistics export) every second, and PromQL answers with
/// the agents, data sources and values.
/// </summary>
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task PrometheusScrape_PromQl_ReturnsAgentsDataSourcesAndRates()
    {
        await using var host = await MetricEndpointsTests.ReplayAsync();
        var target = host.Http.BaseAddress!.Authority;
        await using var prometheus = await PrometheusServer.StartAsync($"""
            global: {"{"}scrape_interval: 1s, evaluation_interval: 1s{"}"}
            scrape_configs:
              - job_name: sflow-rt-metrics
                metrics_path: /prometheus/metrics/ALL/ALL/txt
                static_configs: [{"{"}targets: ['{target}']{"}"}]
              - job_name: sflow-rt-analyzer
                metrics_path: /prometheus/analyzer/txt
                static_configs: [{"{"}targets: ['{target}']{"}"}]
              - job_name: sflow-rt-statistics
                metrics_path: /app/prometheus/scripts/export.js/statistics/cluster/ALL/max:load_one,sum:ifinoctets/txt
                static_configs: [{"{"}targets: ['{target}']{"}"}]
            """);

        var swp3 = await prometheus.QueryUntilAsync("sflow_ifinoctets{ifname=\"swp3\"}", 1);
        var perDataSource = await prometheus.QueryUntilAsync("count(sflow_ifinoctets) by (agent, datasource)", 2);
        var hosts = await prometheus.QueryUntilAsync("sum by (host) (sflow_load_one)", 2);
        var agents = await prometheus.QueryUntilAsync("sflow_analyzer_agents", 1);
        var statistics = await prometheus.QueryUntilAsync("{group=\"cluster\"}", 2);

        Assert.Equal("1234500", swp3[0].GetProperty("value")[1].GetString());
        Assert.Equal("192.0.2.1", swp3[0].GetProperty("metric").GetProperty("agent").GetString());
        Assert.Equal(
            ["192.0.2.1/3", "192.0.2.2/7"],
            perDataSource.Select(r => r.GetProperty("metric").GetProperty("agent").GetString() + "/" + r.GetProperty("metric").GetProperty("datasource").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["leaf1=0.5", "leaf2=1.5"],
            hosts.Select(r => r.GetProperty("metric").GetProperty("host").GetString() + "=" + r.GetProperty("value")[1].GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("2", agents[0].GetProperty("value")[1].GetString());
        Assert.Equal(
            ["sflow_max_load_one=1.5", "sflow_sum_ifinoctets=1734500"],
            statistics.Select(r => r.GetProperty("metric").GetProperty("__name__").GetString() + "=" + r.GetProperty("value")[1].GetString()).Order(StringComparer.Ordinal));
    }
}
