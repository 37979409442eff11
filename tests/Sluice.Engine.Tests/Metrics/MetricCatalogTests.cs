using Sluice.Engine.Metrics;
using Sluice.Sflow.Datagrams;
using Xunit;

namespace Sluice.Engine.Tests.Metrics;

public sealed class MetricCatalogTests
{
    [Theory]
    [InlineData("ifinoctets", MetricKind.Counter)]
    [InlineData("ifspeed", MetricKind.Gauge)]
    [InlineData("ifname", MetricKind.Text)]
    [InlineData("load_one", MetricKind.Gauge)]
    [InlineData("cpu_5sec", MetricKind.Gauge)]
    [InlineData("bcm_long_ipv6_utilizaton", MetricKind.Gauge)]
    [InlineData("bcm_long_ipv6_utilization", MetricKind.Gauge)]
    [InlineData("agg_partneropersystemid", MetricKind.Text)]
    [InlineData("opt_module_id", MetricKind.Gauge)]
    [InlineData("vir_host_name", MetricKind.Text)]
    public void TryGet_KnownName_Kind(string name, MetricKind kind)
    {
        Assert.True(MetricCatalog.TryGet(name, out var metric));
        Assert.Equal(kind, metric.Kind);
    }

    [Fact]
    public void All_NamesUniqueWithoutDots()
    {
        var names = MetricCatalog.All.Select(m => m.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain(names, n => n.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void ForRecord_VirtualClass_VirNames()
    {
        Assert.Contains(MetricCatalog.ForRecord(CounterRecordTags.HostDescription, 3), m => m.Name == "vir_host_name");
        Assert.Contains(MetricCatalog.ForRecord(CounterRecordTags.HostDescription, 2), m => m.Name == "host_name");
    }
}
