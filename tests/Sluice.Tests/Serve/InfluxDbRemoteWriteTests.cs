using System.Text.Json;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The seed's "InfluxDB 2.0" article with what Debian has (peers.md §3–4): a real Prometheus scrapes the article's three
/// scraper URLs from Sluice and remote_writes into a real InfluxDB 1.6, and InfluxQL answers with Sluice's metrics.
/// </summary>
public sealed class InfluxDbRemoteWriteTests
{
    private const string FlowQuery = "?metric=flow_src_dst_bps&key=ipsource,ipdestination&value=bytes&aggMode=max&maxFlows=100&minValue=1000&scale=8";

    [Fact]
    public async Task PrometheusRemoteWrite_SeedScraperUrls_InfluxQlReturnsSluiceMetrics()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await influx.QueryAsync("CREATE DATABASE sflow");
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        var target = host.Http.BaseAddress!.Authority;
        await using var prometheus = await PrometheusServer.StartAsync($$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: sflow-rt-analyzer
                metrics_path: /prometheus/analyzer/txt
                static_configs: [{targets: ['{{target}}']}]
              - job_name: sflow-rt-dump
                metrics_path: /prometheus/metrics/ALL/ALL/txt
                static_configs: [{targets: ['{{target}}']}]
              - job_name: sflow-rt-flow-src-dst
                metrics_path: /app/prometheus/scripts/export.js/flows/ALL/txt
                params:
                  metric: [flow_src_dst_bps]
                  key: ['ipsource,ipdestination']
                  value: [bytes]
                  aggMode: [max]
                  maxFlows: ['100']
                  minValue: ['1000']
                  scale: ['8']
                static_configs: [{targets: ['{{target}}']}]
            remote_write:
              - url: http://127.0.0.1:{{influx.Port}}/api/v1/prom/write?db=sflow
            """);

        // Each measurement shows up once Prometheus has scraped it and flushed its remote-write queue.
        var agents = await UntilSeriesAsync(influx, """SELECT last("value") FROM "sflow_analyzer_agents" """);
        var ifinoctets = await UntilSeriesAsync(influx, """SELECT count("value") FROM "sflow_ifinoctets" GROUP BY "agent", "ifindex" """, 2);
        var flows = await UntilSeriesAsync(influx, """SELECT max("value") FROM "flow_src_dst_bps" GROUP BY "ipsource", "ipdestination" """);
        var targets = await prometheus.Client.GetStringAsync(new Uri("/api/v1/targets", UriKind.Relative), TestContext.Current.CancellationToken);
        var direct = await host.Http.GetStringAsync(new Uri("/app/prometheus/scripts/export.js/flows/ALL/txt" + FlowQuery, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(agents[0].GetProperty("values")[0][1].GetDouble() >= 1, agents[0].ToString());
        Assert.All(ifinoctets, s => Assert.True(s.GetProperty("tags").GetProperty("agent").GetString()!.Length > 0));
        Assert.All(flows, s => Assert.True(s.GetProperty("values")[0][1].GetDouble() >= 8000, s.ToString()));
        Assert.Contains(flows, s => System.Net.IPAddress.TryParse(s.GetProperty("tags").GetProperty("ipsource").GetString(), out _));
        // The three scrapers of the article: all up, none with a scrape error.
        var active = JsonDocument.Parse(targets).RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
        Assert.Equal(
            ["sflow-rt-analyzer=up", "sflow-rt-dump=up", "sflow-rt-flow-src-dst=up"],
            active.Select(t => t.GetProperty("labels").GetProperty("job").GetString() + "=" + t.GetProperty("health").GetString()).Order(StringComparer.Ordinal));
        Assert.All(active, t => Assert.Equal(string.Empty, t.GetProperty("lastError").GetString()));
        Assert.StartsWith("flow_src_dst_bps{ipsource=", direct, StringComparison.Ordinal);
    }

    /// <summary>Polls an InfluxQL query until it returns series (bounded): remote_write batches arrive a few seconds apart.</summary>
    private static async Task<JsonElement[]> UntilSeriesAsync(InfluxDbServer influx, string influxQl, int atLeast = 1)
    {
        var series = Array.Empty<JsonElement>();
        await Eventually.UntilAsync(
            async () =>
            {
                var result = await influx.QueryAsync(influxQl, "sflow");
                series = result.TryGetProperty("series", out var found) ? [.. found.EnumerateArray()] : [];
                return series.Length >= atLeast;
            },
            TimeSpan.FromSeconds(60),
            () => Task.FromResult($"{series.Length} series for {influxQl}\n{influx.Log}"));
        return series;
    }
}
