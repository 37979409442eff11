using System.Text.Json;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>The metric REST API over a replayed capture whose rates are known exactly (sflow-rt-api.md §1.2, §1.9).</summary>
public sealed class MetricEndpointsTests
{
    [Fact]
    public async Task Metric_AggregationPrefixes_GiveHandComputedRates()
    {
        await using var host = await ReplayAsync();

        using var stats = await JsonAsync(host, "/metric/ALL/ifinoctets,sum:ifinoctets,min:ifinoctets,avg:ifinoctets,ifinpkts,ifinutilization,max:load_one,load_one_per_cpu,any:host_name/json");
        var values = stats.RootElement.EnumerateArray().ToArray();

        AssertClose(1_234_500, values[0], "192.0.2.1", "3");
        Assert.Equal(2, values[0].GetProperty("metricN").GetInt32());
        AssertClose(1_734_500, values[1]);
        AssertClose(500_000, values[2], "192.0.2.2", "7");
        AssertClose(867_250, values[3]);
        AssertClose(107, values[4]);
        AssertClose(0.98760, values[5], "192.0.2.1", "3");
        AssertClose(1.5, values[6], "192.0.2.2", "2.1");
        AssertClose(0.75, values[7]);
        Assert.StartsWith("leaf", values[8].GetProperty("metricValue").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_FilterQuery_SelectsMatchingDataSources()
    {
        await using var host = await ReplayAsync();

        using var byName = await JsonAsync(host, "/metric/ALL/sum:ifinoctets/json?ifname=swp*");
        using var bySpeed = await JsonAsync(host, "/metric/ALL/sum:ifinoctets/json?ifspeed=1000000000");
        using var none = await JsonAsync(host, "/metric/ALL/sum:ifinoctets/json?ifname=eth*");

        AssertClose(1_734_500, byName.RootElement[0]);
        AssertClose(1_234_500, bySpeed.RootElement[0]);
        Assert.False(none.RootElement[0].TryGetProperty("metricValue", out _));
    }

    [Fact]
    public async Task AgentMetrics_TableDumpAndMetricNames_HaveSflowRtShapes()
    {
        await using var host = await ReplayAsync();

        using var agent = await JsonAsync(host, "/metric/192.0.2.1/json");
        using var table = await JsonAsync(host, "/table/ALL/sort:ifinoctets:-1,ifname/json");
        using var dump = await JsonAsync(host, "/dump/ALL/ifname/json");
        using var names = await JsonAsync(host, "/metrics/json");
        using var unknown = await host.Http.GetAsync("/metric/198.51.100.9/json", TestContext.Current.CancellationToken);

        Assert.Equal("swp3", agent.RootElement.GetProperty("3.ifname").GetString());
        Assert.Equal("leaf1", agent.RootElement.GetProperty("2.1.host_name").GetString());
        Assert.Equal(1_000_000_000, agent.RootElement.GetProperty("3.ifspeed").GetDouble());
        var row = Assert.Single(table.RootElement.EnumerateArray());
        Assert.Equal("192.0.2.1", row[0].GetProperty("agent").GetString());
        Assert.Equal("swp3", row[1].GetProperty("metricValue").GetString());
        Assert.Equal(["swp3", "swp7"], dump.RootElement.EnumerateArray().Select(m => m.GetProperty("metricValue").GetString()).Order(StringComparer.Ordinal));
        Assert.True(names.RootElement.TryGetProperty("ifinoctets", out _));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Prometheus_AllMetrics_AreLabelledLikeSflowRt()
    {
        await using var host = await ReplayAsync();

        var text = await host.Http.GetStringAsync("/prometheus/metrics/ALL/ALL/txt", TestContext.Current.CancellationToken);
        var ifin = text.Split('\n').Single(l => l.StartsWith("sflow_ifinoctets{agent=\"192.0.2.1\"", StringComparison.Ordinal));

        Assert.Equal(
            "sflow_ifinoctets{agent=\"192.0.2.1\",datasource=\"3\",host=\"leaf1\",ifindex=\"3\",ifname=\"swp3\",ifspeed=\"1G\",iftype=\"ethernetCsmacd\",ifadminstatus=\"up\",ifoperstatus=\"up\"} 1234500",
            ifin);
        Assert.Contains("sflow_load_one{agent=\"192.0.2.2\",datasource=\"2.1\",host=\"leaf2\"} 1.5\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sflow_ifname", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_ContainerMetrics_CarryTheContainerNameAsVirHost()
    {
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        string[] containerLines = [];

        // The demo's Host sFlow agents report containers as data sources 3.N.
        await Eventually.UntilAsync(
            async () =>
            {
                var text = await host.Http.GetStringAsync("/prometheus/metrics/ALL/ALL/txt", TestContext.Current.CancellationToken);
                containerLines = [.. text.Split('\n').Where(l => l.Contains("datasource=\"3.", StringComparison.Ordinal))];
                return containerLines.Length > 0;
            },
            TimeSpan.FromSeconds(60),
            () => Task.FromResult("no container metrics"));

        Assert.All(containerLines, line => Assert.Matches("^sflow_[a-z0-9_]+\\{agent=\"[^\"]+\",datasource=\"3\\.[0-9]+\",host=\"[^\"]+\",vir_host=\"[^\"]+\"\\} ", line));
    }

    [Fact]
    public async Task FlowMetric_UdpTraffic_MetricDumpTableAndNamesCarryTotalsAndTopKeys()
    {
        await using var host = await ServeTestHost.StartAsync();
        using var definition = new StringContent("""{"keys":"ipsource,ipdestination","value":"bytes"}""", System.Text.Encoding.UTF8, "application/json");
        (await host.Http.PutAsync("/flow/pair/json", definition, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (string, string, uint)[] packets = [("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500)];

        // 192.0.2.1 ifIndex 3 samples 1 in 100, 192.0.2.2 ifIndex 7 the same packets 1 in 10: a tenth of the rate.
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, packets)));
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.2", (uint)i, 10, 7, packets)));

        using var stats = await JsonAsync(host, "/metric/ALL/pair,sum:pair,min:pair,7.pair,avg:pair/json");
        using var dump = await JsonAsync(host, "/dump/ALL/pair/json");
        using var table = await JsonAsync(host, "/table/ALL/sort:pair:-1/json");
        using var names = await JsonAsync(host, "/metrics/json");
        using var agent = await JsonAsync(host, "/metric/192.0.2.1/json");

        var s = stats.RootElement.EnumerateArray().ToArray();
        Assert.Equal("192.0.2.1", s[0].GetProperty("agent").GetString());
        Assert.Equal("3", s[0].GetProperty("dataSource").GetString());
        Assert.Equal(2, s[0].GetProperty("metricN").GetInt32());
        var top = s[0].GetProperty("topKeys").EnumerateArray().ToArray();
        Assert.Equal(["10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4"], top.Select(k => k.GetProperty("key").GetString()));
        Assert.True(top[0].GetProperty("value").GetDouble() > top[1].GetProperty("value").GetDouble());
        Assert.False(top[0].TryGetProperty("values", out _)); // the definition has no values
        var (max, sum, min) = (Value(s[0]), Value(s[1]), Value(s[2]));
        Assert.True(Math.Abs(sum - (max + min)) <= sum * 1e-9, $"sum {sum} is not max {max} + min {min}");
        Assert.True(max > min, $"max {max} is not above min {min}");
        Assert.Equal("192.0.2.2", s[2].GetProperty("agent").GetString());
        Assert.Equal("7", s[3].GetProperty("dataSource").GetString());
        Assert.Equal(1, s[3].GetProperty("metricN").GetInt32());
        Assert.False(s[4].TryGetProperty("topKeys", out _));
        Assert.Equal(2, dump.RootElement.GetArrayLength());
        Assert.All(dump.RootElement.EnumerateArray(), d => Assert.Equal("10.0.0.1,10.0.0.2", d.GetProperty("topKeys")[0].GetProperty("key").GetString()));
        var row = Assert.Single(table.RootElement.EnumerateArray());
        Assert.Equal("192.0.2.1", row[0].GetProperty("agent").GetString());
        Assert.True(names.RootElement.TryGetProperty("pair", out _));
        Assert.True(agent.RootElement.GetProperty("3.pair").GetDouble() > 0);
    }

    internal static async Task<ServeTestHost> ReplayAsync(params (string Key, string Value)[] extra)
    {
        var host = await ServeTestHost.StartAsync([("sflow:file", CounterCapture.Write()), ("sflow:file:speed", "0"), .. extra]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Engine.ShardStatistics.Sum(s => s.Decoded) < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "replay did not finish");
            await Task.Delay(20);
        }

        return host;
    }

    private static double Value(JsonElement statistic) => statistic.GetProperty("metricValue").GetDouble();

    private static async Task<JsonDocument> JsonAsync(ServeTestHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(path, TestContext.Current.CancellationToken));

    private static void AssertClose(double expected, JsonElement statistic, string? agent = null, string? dataSource = null)
    {
        var value = statistic.GetProperty("metricValue").GetDouble();
        Assert.True(Math.Abs(value - expected) <= Math.Abs(expected) * 0.001, $"expected {expected} ±0.1 %, got {value}");
        if (agent is not null)
        {
            Assert.Equal(agent, statistic.GetProperty("agent").GetString());
            Assert.Equal(dataSource, statistic.GetProperty("dataSource").GetString());
        }
    }
}
