using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>) scrapes <c>/prometheus/metrics/ALL/ALL/txt</c> and
/// <c>/prometheus/analyzer/txt</c> every second, and PromQL answers with the agents, data sources and values.
/// </summary>
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task PrometheusScrape_PromQl_ReturnsAgentsDataSourcesAndRates()
    {
        Assert.True(File.Exists("/usr/bin/prometheus"), "prometheus is not installed (.ci/run installs it)");
        await using var host = await MetricEndpointsTests.ReplayAsync();
        var target = host.Http.BaseAddress!.Authority;
        var folder = Directory.CreateTempSubdirectory("sluice-prometheus-").FullName;
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global: {"{"}scrape_interval: 1s, evaluation_interval: 1s{"}"}
            scrape_configs:
              - job_name: sflow-rt-metrics
                metrics_path: /prometheus/metrics/ALL/ALL/txt
                static_configs: [{"{"}targets: ['{target}']{"}"}]
              - job_name: sflow-rt-analyzer
                metrics_path: /prometheus/analyzer/txt
                static_configs: [{"{"}targets: ['{target}']{"}"}]
            """, TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo("/usr/bin/prometheus")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
        {
            $"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var prometheus = Process.Start(start)!;
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            // The first scrape lands 5-6 s after start (Prometheus applies targets on a 5 s tick).
            var swp3 = await QueryUntilAsync(client, "sflow_ifinoctets{ifname=\"swp3\"}", 1);
            var perDataSource = await QueryUntilAsync(client, "count(sflow_ifinoctets) by (agent, datasource)", 2);
            var hosts = await QueryUntilAsync(client, "sum by (host) (sflow_load_one)", 2);
            var agents = await QueryUntilAsync(client, "sflow_analyzer_agents", 1);

            Assert.Equal("1234500", swp3[0].GetProperty("value")[1].GetString());
            Assert.Equal("192.0.2.1", swp3[0].GetProperty("metric").GetProperty("agent").GetString());
            Assert.Equal(
                ["192.0.2.1/3", "192.0.2.2/7"],
                perDataSource.Select(r => r.GetProperty("metric").GetProperty("agent").GetString() + "/" + r.GetProperty("metric").GetProperty("datasource").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(
                ["leaf1=0.5", "leaf2=1.5"],
                hosts.Select(r => r.GetProperty("metric").GetProperty("host").GetString() + "=" + r.GetProperty("value")[1].GetString()).Order(StringComparer.Ordinal));
            Assert.Equal("2", agents[0].GetProperty("value")[1].GetString());
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<JsonElement[]> QueryUntilAsync(HttpClient client, string query, int results)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var json = await client.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
                using var document = JsonDocument.Parse(json);
                var found = document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToArray();
                if (found.Length >= results)
                {
                    return found;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"PromQL '{query}' found fewer than {results} series in time");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
