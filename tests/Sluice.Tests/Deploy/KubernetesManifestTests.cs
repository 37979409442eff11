using Xunit;

namespace Sluice.Tests.Deploy;

/// <summary><c>deploy/kubernetes/</c>: the Sluice Deployment and Service, and the seed's Host sFlow DaemonSet sending to it.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void SluiceManifest_DeploymentAndService_ExposeSflowUdpAndHttpTcp()
    {
        var documents = DeployFiles.LoadYaml("kubernetes/sluice.yml");

        Assert.Equal(["Namespace", "Deployment", "Service"], documents.Select(d => d.Text("kind")));
        var deployment = documents.OfKind("Deployment").Single();
        var container = deployment.Child("spec").Child("template").Child("spec").Items("containers").Single();
        Assert.Equal(
            ["sflow 6343/UDP", "http 8008/TCP"],
            container.Items("ports").Select(p => $"{p.Text("name")} {p.Text("containerPort")}/{p.Text("protocol")}"));
        var service = documents.OfKind("Service").Single();
        Assert.Equal(
            ["sflow 6343->sflow/UDP", "http 8008->http/TCP"],
            service.Child("spec").Items("ports").Select(p => $"{p.Text("name")} {p.Text("port")}->{p.Text("targetPort")}/{p.Text("protocol")}"));
        Assert.Equal(
            deployment.Child("spec").Child("template").Child("metadata").Child("labels").Text("app"),
            service.Child("spec").Child("selector").Text("app"));
    }

    [Fact]
    public void HostSflowDaemonSet_Collector_IsTheSluiceServiceName()
    {
        var sluice = DeployFiles.LoadYaml("kubernetes/sluice.yml");
        var service = sluice.OfKind("Service").Single().Child("metadata");
        var daemonSet = DeployFiles.LoadYaml("kubernetes/host-sflow.yml").OfKind("DaemonSet").Single();
        var pod = daemonSet.Child("spec").Child("template").Child("spec");
        var environment = pod.Items("containers").Single().Items("env").ToDictionary(e => e.Text("name"), e => e.Text("value"));

        Assert.Equal("true", pod.Text("hostNetwork"));
        Assert.Equal("ClusterFirstWithHostNet", pod.Text("dnsPolicy"));
        Assert.Equal($"{service.Text("name")}.{service.Text("namespace")}.svc.cluster.local", environment["COLLECTOR"]);
        Assert.Equal("host", environment["NET"]);
        Assert.Equal(service.Text("namespace"), daemonSet.Child("metadata").Text("namespace"));
    }
}
