using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The Prometheus app's statistics export at its own URL (sflow-rt-api.md §2.2), over the counter capture whose
/// values are known exactly: loads 0.5 (leaf1) and 1.5 (leaf2), 1,234,500 + 500,000 octets/s in.
/// </summary>
public sealed class StatisticsExportTests
{
    private const string Path = "/app/prometheus/scripts/export.js/statistics";

    [Fact]
    public async Task Statistics_MetricList_OneGroupLabelledSamplePerNumericNameOnce()
    {
        await using var host = await MetricEndpointsTests.ReplayAsync();

        var text = await host.Http.GetStringAsync(Path + "/cluster/ALL/max:load_one,sum:ifinoctets,max:load_one,ifname,avg:nosuchmetric/txt", TestContext.Current.CancellationToken);

        // The repeated max:load_one is written once; ifname (a string) and a metric nobody sends are left out.
        Assert.Equal("sflow_max_load_one{group=\"cluster\"} 1.5\nsflow_sum_ifinoctets{group=\"cluster\"} 1734500\n", text);
    }

    [Fact]
    public async Task Statistics_QueryFilterPrefixAndTypes_FollowTheAppsProperties()
    {
        await using var host = await MetricEndpointsTests.ReplayAsync(("prometheus:metric:prefix", "sluice_"), ("prometheus:type", "yes"));

        var text = await host.Http.GetStringAsync(Path + "/leaf1/ALL/max:load_one,sum:ifinoctets/txt?host_name=leaf1", TestContext.Current.CancellationToken);
        var agent = await host.Http.GetStringAsync(Path + "/two/192.0.2.2/sum:ifinoctets/txt", TestContext.Current.CancellationToken);

        // The filter keeps leaf1's host data source only, which has no interface counters.
        Assert.Equal("# TYPE sluice_max_load_one gauge\nsluice_max_load_one{group=\"leaf1\"} 0.5\n", text);
        Assert.Equal("# TYPE sluice_sum_ifinoctets gauge\nsluice_sum_ifinoctets{group=\"two\"} 500000\n", agent);
    }

    [Fact]
    public async Task Statistics_Exposition_PassesPromtool()
    {
        Assert.True(File.Exists("/usr/bin/promtool"), "promtool is not installed (it comes with Debian's prometheus, see scripts/test-deps.sh)");
        await using var host = await MetricEndpointsTests.ReplayAsync(("prometheus:type", "yes"));
        var text = await host.Http.GetStringAsync(
            Path + "/cluster/ALL/max:load_one,min:load_one,sum:ifinoctets,avg:ifinutilization,med:ifinpkts,max:load_one/txt", TestContext.Current.CancellationToken);
        var file = System.IO.Path.GetTempFileName();
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);

        using var promtool = new ShellProcess($"/usr/bin/promtool check metrics < '{file}'");
        Assert.True(await promtool.WaitAsync(TimeSpan.FromSeconds(30)), "promtool did not finish");

        // Exit 1 is a parse error; 3 with only "no help text" is the lint sFlow-RT's output gets too (it has no HELP lines).
        var findings = (promtool.Output + promtool.Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(1, promtool.ExitCode);
        Assert.Equal(5, findings.Length);
        Assert.All(findings, f => Assert.EndsWith("no help text", f, StringComparison.Ordinal));
        File.Delete(file);
    }
}
