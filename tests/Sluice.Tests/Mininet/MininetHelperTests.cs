using System.Text.Json;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Mininet;

/// <summary>
/// The seed's "Mininet flow analytics with custom scripts": <c>extras/sflow.py</c> enables sFlow on every Open vSwitch
/// bridge and posts the topology to Sluice. Run on userspace OVS between network namespaces standing in for Mininet.
/// </summary>
public sealed class MininetHelperTests
{
    [Fact]
    public async Task SflowHelper_TwoBridgesBetweenNamespaces_TopologyComesBackAndFlowsLandOnTheLink()
    {
        await using var network = await OvsNetwork.StartAsync();
        var helper = Path.Combine(SharedTestData.RepositoryRoot, "extras", "sflow.py");

        var (exit, stdout, stderr) = await network.InSwitchAsync($"env SAMPLING=1 POLLING=2 python3 '{helper}'");
        var topology = JsonDocument.Parse(await network.RestAsync("/topology/json")).RootElement;
        await network.RestAsync("/flow/linkpairs/json", """{"keys":"link:inputifindex,ipsource,ipdestination","value":"frames","t":600}""");
        var ping = await SluiceProcess.BashAsync($"ip netns exec {network.HostA} ping -c 40 -i 0.05 -s 600 10.77.0.2", TimeSpan.FromSeconds(30));
        var keys = new List<string>();
        await Eventually.UntilAsync(
            async () =>
            {
                keys = [.. JsonDocument.Parse(await network.RestAsync("/activeflows/ALL/linkpairs/json")).RootElement.EnumerateArray()
                    .Select(f => f.GetProperty("key").GetString()!)];
                return keys.Count == 2;
            },
            TimeSpan.FromSeconds(20),
            () => Task.FromResult($"keys: {string.Join(' ', keys)}\n{network.Log}"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("*** Enabling sFlow:\ns1 s2\n*** Sending topology\n", stdout, StringComparison.Ordinal);
        Assert.Equal(0, ping.ExitCode);
        var nodes = topology.GetProperty("nodes");
        Assert.Equal(["s1", "s2"], nodes.EnumerateObject().Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal("127.0.0.1", nodes.GetProperty("s1").GetProperty("agent").GetString());
        Assert.Equal(["s2-eth1", "s2-eth2"], nodes.GetProperty("s2").GetProperty("ports").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var link = Assert.Single(topology.GetProperty("links").EnumerateObject());
        Assert.Equal("s1-s2", link.Name);
        Assert.Equal("s1-eth2", link.Value.GetProperty("port1").GetString());
        Assert.Equal("s2-eth2", link.Value.GetProperty("port2").GetString());
        // Each direction crosses s1-s2 (sampled where it enters s2 and s1); traffic entering at the host ports is on no link.
        Assert.Equal(["s1-s2,10.77.0.1,10.77.0.2", "s1-s2,10.77.0.2,10.77.0.1"], keys.Order(StringComparer.Ordinal));
        // The ports' ifIndexes in the topology are the ones OVS reports counters for.
        var ifindex = nodes.GetProperty("s1").GetProperty("ports").GetProperty("s1-eth2").GetProperty("ifindex").GetString();
        var ifname = string.Empty;
        await Eventually.UntilAsync(
            async () =>
            {
                var statistic = JsonDocument.Parse(await network.RestAsync($"/metric/127.0.0.1/{ifindex}.ifname/json")).RootElement[0];
                ifname = statistic.TryGetProperty("metricValue", out var value) ? value.GetString() : null;
                return ifname is not null;
            },
            TimeSpan.FromSeconds(20),
            () => Task.FromResult(network.Log));
        Assert.Equal("s1-eth2", ifname);
    }
}
