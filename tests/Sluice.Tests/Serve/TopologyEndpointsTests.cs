using System.Net;
using System.Text;
using System.Text.Json;
using Sluice.Engine.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.TwoSwitchFabric;

namespace Sluice.Tests.Serve;

public sealed class TopologyEndpointsTests : IDisposable
{
    /// <summary>
    /// The seed's Mininet article: sflow.py posts this for the single switch of simpletest.py (h1..h4 on s1), with
    /// <c>data=dumps(topo)</c>, so no content type.
    /// </summary>
    private const string MininetSingleSwitch = """{"nodes": {"s1": {"agent": "10.0.0.20", "ports": {"s1-eth1": {"ifindex": "2"}, "s1-eth2": {"ifindex": "3"}, "s1-eth3": {"ifindex": "4"}, "s1-eth4": {"ifindex": "5"}}}}, "links": {}}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-topology-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PutTopology_MininetHelperBodyWithoutContentType_GetReturnsItVerbatim()
    {
        await using var host = await ServeTestHost.StartAsync();
        using var empty = await host.Http.GetAsync(new Uri("/topology/json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("{}", await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var put = await PutAsync(host, MininetSingleSwitch);
        var version = host.Engine.Topology.Version;
        using var get = await host.Http.GetAsync(new Uri("/topology/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MininetSingleSwitch, await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["s1"], host.Engine.Topology.NodesForAgent("10.0.0.20", 5));
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, MininetSingleSwitch)).StatusCode);
        Assert.True(host.Engine.Topology.Version > version);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"nodes":{"s1":{"agent":"switch-one"}}}""", "nodes.s1.agent")]
    [InlineData("""{"links":{"s1-s2":{"node1":"s1","port1":"s1-eth1","node2":"s2"}}}""", "links.s1-s2.port2")]
    public async Task PutTopology_BadBody_Is400NamingTheFieldAndKeepsTheTopology(string body, string field)
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, MininetSingleSwitch);

        var put = await PutAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(field, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(MininetSingleSwitch, await host.Http.GetStringAsync(new Uri("/topology/json", UriKind.Relative), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PutTopology_TopologyFile_TheNextServeStartsWithIt()
    {
        var file = Path.Combine(_directory, "store", "topology.json");
        await using (var host = await ServeTestHost.StartAsync(("topology:file", file)))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, Json)).StatusCode);
        }

        await using var restarted = await ServeTestHost.StartAsync(("topology:file", file));

        Assert.Equal(Json, await restarted.Http.GetStringAsync(new Uri("/topology/json", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal([S1, S2], restarted.Engine.Topology.Current.Agents.Select(a => a.ToString()).Order());
    }

    [Fact]
    public async Task TwoSwitchFabric_ActiveFlowsAndMetrics_AggModesAndTokensOverRest()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, Json)).StatusCode);
        await PutFlowAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes","t":600}""");
        await PutFlowAsync(host, "edgepair", """{"keys":"ipsource,ipdestination","value":"bytes","t":600,"aggMode":"edge"}""");
        await PutFlowAsync(host, "links", """{"keys":"null:[link:inputifindex]:edge","value":"bytes","t":600}""");

        await host.SendAsync(Datagrams());

        // With t = 600 s the rates barely decay between queries (0.2 % in a second): compare every answer with flow A's
        // largest value, within 2 %.
        var a = await ValueAsync(host, "/activeflows/ALL/pair/json?aggMode=max", FlowA);
        var b = await ValueAsync(host, "/activeflows/ALL/pair/json?aggMode=max", FlowB);
        AssertRatio(0.5, b / a);
        AssertRatio(4, await ValueAsync(host, "/activeflows/ALL/pair/json?aggMode=sum", FlowA) / a);
        AssertRatio(1, await ValueAsync(host, "/activeflows/ALL/pair/json?aggMode=edge", FlowA) / a);
        AssertRatio(1, await ValueAsync(host, "/activeflows/TOPOLOGY/pair/json?aggMode=edge", FlowA) / a);
        AssertRatio(1, await ValueAsync(host, "/activeflows/TOPOLOGY/edgepair/json", FlowA) / a);
        AssertRatio(2, await ValueAsync(host, "/activeflows/EDGE/pair/json?aggMode=sum", FlowA) / a);
        AssertRatio(2, await ValueAsync(host, "/activeflows/CORE/pair/json?aggMode=sum", FlowA) / a);
        using (var core = await JsonAsync(host, "/activeflows/ALL/pair/json?aggMode=core"))
        {
            var row = Assert.Single(core.RootElement.EnumerateArray());
            Assert.Equal((FlowA, "10"), (row.GetProperty("key").GetString(), row.GetProperty("dataSource").GetString()));
        }

        AssertRatio(2, await ValueAsync(host, "/activeflows/ALL/links/json?aggMode=sum", "s1-s2") / a);

        using var edgeMetric = await JsonAsync(host, "/metric/EDGE/sum:pair/json");
        using var coreMetric = await JsonAsync(host, "/metric/CORE/sum:pair/json");
        var edge = edgeMetric.RootElement[0];
        var coreSum = coreMetric.RootElement[0];
        Assert.Equal(3, edge.GetProperty("metricN").GetInt32());
        AssertRatio(3, edge.GetProperty("metricValue").GetDouble() / a); // A + B, B, A at s1 swp1, s1 swp2, s2 swp1
        Assert.Equal(2, coreSum.GetProperty("metricN").GetInt32());
        AssertRatio(2, coreSum.GetProperty("metricValue").GetDouble() / a);
    }

    [Fact]
    public async Task PrometheusMetrics_CoreAndEdge_OnlyTheirInterfaces()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, Json);
        var s1 = EngineDatagrams.Address(S1);
        await host.SendAsync(
        [
            CounterDatagrams.Sample(s1, 0, 1, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 1 })),
            CounterDatagrams.Sample(s1, 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10 })),
        ]);

        var core = await host.Http.GetStringAsync(new Uri("/prometheus/metrics/CORE/ifspeed/txt", UriKind.Relative), TestContext.Current.CancellationToken);
        var edge = await host.Http.GetStringAsync(new Uri("/prometheus/metrics/EDGE/ifspeed/txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("datasource=\"10\"", core, StringComparison.Ordinal);
        Assert.DoesNotContain("datasource=\"1\"", core, StringComparison.Ordinal);
        Assert.Contains("datasource=\"1\"", edge, StringComparison.Ordinal);
        Assert.DoesNotContain("datasource=\"10\"", edge, StringComparison.Ordinal);
    }

    private static void AssertRatio(double expected, double ratio) =>
        Assert.True(Math.Abs(ratio - expected) <= expected * 0.02, $"expected {expected} ±2 %, got {ratio}");

    private static async Task<HttpResponseMessage> PutAsync(ServeTestHost host, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        return await host.Http.PutAsync(new Uri("/topology/json", UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private static async Task PutFlowAsync(ServeTestHost host, string name, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var put = await host.Http.PutAsync(new Uri($"/flow/{name}/json", UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    private static async Task<double> ValueAsync(ServeTestHost host, string path, string key)
    {
        using var flows = await JsonAsync(host, path);
        return flows.RootElement.EnumerateArray().Single(f => f.GetProperty("key").GetString() == key).GetProperty("value").GetDouble();
    }

    private static async Task<JsonDocument> JsonAsync(ServeTestHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken));
}
