using Xunit;

namespace Sluice.Tests.Deploy;

public sealed class PromQlMetricNamesTests
{
    [Fact]
    public void Of_TopkSumByWithMatcher_ReturnsOnlyTheMetric() =>
        Assert.Equal(["ip_countries_bps"], PromQlMetricNames.Of("topk(10,sum(ip_countries_bps{src!=\"unknown\"}) by (src))"));

    [Fact]
    public void Of_ArithmeticOfTwoMetricsWithRangeAndOffset_ReturnsBoth() =>
        Assert.Equal(
            ["sflow_ifinoctets", "sflow_ifspeed"],
            PromQlMetricNames.Of("sum without (ifindex) (avg_over_time(sflow_ifinoctets{agent=~\"$agent\"}[5m] offset 1h)) * 8 / on (agent) sflow_ifspeed"));

    [Fact]
    public void Of_GrafanaLabelValues_ReturnsTheMetricNotTheLabel() =>
        Assert.Equal(["sflow_ifspeed"], PromQlMetricNames.Of("label_values(sflow_ifspeed, agent)"));
}
