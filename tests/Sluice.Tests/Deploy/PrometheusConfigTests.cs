using Xunit;

namespace Sluice.Tests.Deploy;

/// <summary><c>deploy/prometheus/prometheus.yml</c>: valid for Prometheus itself, and the seed's three scrape jobs.</summary>
public sealed class PrometheusConfigTests
{
    [Fact]
    public async Task PromtoolCheckConfig_DeployPrometheusYml_Succeeds()
    {
        Assert.True(File.Exists("/usr/bin/promtool"), "promtool is not installed (scripts/test-deps.sh installs prometheus)");

        var (exitCode, output, errors) = await DeployFiles.RunAsync("/usr/bin/promtool", "check", "config", DeployFiles.PathOf("prometheus/prometheus.yml"));

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("SUCCESS", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public void ScrapeJobs_PrometheusYml_AreTheSeedJobsAimedAtTheComposeService()
    {
        var configuration = DeployFiles.LoadYaml("prometheus/prometheus.yml").Single();
        var jobs = configuration.Items("scrape_configs");

        Assert.Equal(["sflow-rt-metrics", "sflow-rt-src-dst-bps", "sflow-rt-countries-bps"], jobs.Select(j => j.Text("job_name")));
        Assert.All(jobs, j => Assert.Equal(["sluice:8008"], j.Items("static_configs").Single().Texts("targets")));
        Assert.Equal("/prometheus/metrics/ALL/ALL/txt", jobs[0].Text("metrics_path"));
        var countries = jobs[2].Child("params");
        Assert.Equal(["ip_countries_bps"], countries.Texts("metric"));
        Assert.Equal(["null:[country:ipsource]:unknown", "null:[country:ipdestination]:unknown"], countries.Texts("key"));
        Assert.Equal(["sum"], countries.Texts("aggMode"));
        Assert.NotNull(DeployFiles.LoadYaml("compose.yml").Single().Child("services").ChildOrNull("sluice"));
    }
}
