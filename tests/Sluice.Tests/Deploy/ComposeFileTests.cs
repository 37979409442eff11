using Xunit;
using YamlDotNet.RepresentationModel;

namespace Sluice.Tests.Deploy;

/// <summary><c>deploy/compose.yml</c>: Sluice built from the Dockerfile, Prometheus with our config, Grafana with our provisioning.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public void Services_ComposeYml_PublishSluicePortsAndMountTheConfigurations()
    {
        var services = Assert.IsType<YamlMappingNode>(DeployFiles.LoadYaml("compose.yml").Single().Child("services"));

        Assert.Equal(["sluice", "prometheus", "grafana"], services.Children.Keys.Select(k => k.ToString()));
        var sluice = services.Child("sluice");
        Assert.Equal("deploy/Dockerfile", sluice.Child("build").Text("dockerfile"));
        Assert.True(File.Exists(Path.Combine(DeployFiles.Folder, sluice.Child("build").Text("context"), sluice.Child("build").Text("dockerfile"))));
        Assert.Equal(["8008:8008/tcp", "6343:6343/udp"], sluice.Texts("ports"));
        Assert.Contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", services.Child("prometheus").Texts("volumes"));
        var grafanaVolumes = services.Child("grafana").Texts("volumes");
        foreach (var volume in grafanaVolumes.Where(v => v.StartsWith("./", StringComparison.Ordinal)))
        {
            Assert.True(Directory.Exists(DeployFiles.PathOf(volume.Split(':')[0])), volume);
        }

        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", grafanaVolumes);
    }

    [Fact]
    public void GrafanaProvisioning_DatasourceAndProvider_PointAtPrometheusAndTheDashboardFolder()
    {
        var datasource = DeployFiles.LoadYaml("grafana/provisioning/datasources/prometheus.yml").Single().Items("datasources").Single();
        var provider = DeployFiles.LoadYaml("grafana/provisioning/dashboards/sluice.yml").Single().Items("providers").Single();

        Assert.Equal(("prometheus", "prometheus", "http://prometheus:9090"), (datasource.Text("type"), datasource.Text("uid"), datasource.Text("url")));
        Assert.Equal("/var/lib/grafana/dashboards", provider.Child("options").Text("path"));
        Assert.Contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro", DeployFiles.LoadYaml("compose.yml").Single().Child("services").Child("grafana").Texts("volumes"));
    }

    [Fact]
    public void Dockerfile_Stages_BuildWithSdkRunServeOnAspnetWithTheLockedData()
    {
        var lines = File.ReadAllLines(DeployFiles.PathOf("Dockerfile")).Where(l => !l.StartsWith('#')).ToList();

        Assert.Equal(
            ["FROM node:22-bookworm-slim AS ui", "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM node:22-bookworm-slim AS data", "FROM mcr.microsoft.com/dotnet/aspnet:10.0"],
            lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains("COPY data/package.json data/package-lock.json ./", lines);
        Assert.Contains("COPY --from=ui /ui/node_modules src/Sluice/Web/ui/node_modules", lines);
        Assert.Contains("RUN npm ci --no-audit --no-fund", lines);
        Assert.Contains("ENV SLUICE_DATA=/opt/sluice/data", lines);
        Assert.Contains("EXPOSE 8008/tcp 6343/udp", lines);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"/opt/sluice/sluice.dll\", \"serve\"]", lines.Last(l => l.Length > 0));
    }
}
