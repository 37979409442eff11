using System.Net;
using System.Text;
using System.Text.Json;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>sFlow-RT's BGP REST API (sflow-rt-api.md §1.8) in <c>sluice serve</c>, with a neighbor configured by property.</summary>
public sealed class BgpEndpointsTests
{
    private const string Seed = """{"match":{"destination":"10.0.0.1/32","protocol":"=17","source-port":"=53"},"then":{"traffic-rate":"0"}}""";

    [Fact]
    public async Task FlowSpec_PutGetDelete_KeepsTheRuleAsGiven()
    {
        await using var host = await StartAsync();

        var put = await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/127.0.0.2/json", Seed);
        var listed = await host.Http.GetStringAsync(new Uri("/bgp/flowspec/127.0.0.2/json", UriKind.Relative), TestContext.Current.CancellationToken);
        var deleted = await SendAsync(host, HttpMethod.Delete, "/bgp/flowspec/127.0.0.2/json", """{"match":{"destination":"10.0.0.1/32","protocol":"=17","source-port":"=53"}}""");
        var again = await SendAsync(host, HttpMethod.Delete, "/bgp/flowspec/127.0.0.2/json", Seed);
        var empty = await host.Http.GetStringAsync(new Uri("/bgp/flowspec/127.0.0.2/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal($"[{Seed}]", listed);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("[]", empty);
    }

    [Fact]
    public async Task FlowSpec_NumbersInTheBody_AreTakenAsText()
    {
        await using var host = await StartAsync();

        var put = await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/127.0.0.2/json", """{"match":{"version":6,"destination":"2001:db8::1","protocol":"=17"},"then":{"traffic-rate":12500}}""");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var listed = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/bgp/flowspec/127.0.0.2/json", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal("12500", listed.RootElement[0].GetProperty("then").GetProperty("traffic-rate").GetString());
    }

    [Theory]
    [InlineData("""{"match":{"destination":"10.0.0.1","protocol":"=300"}}""", "protocol")]
    [InlineData("""{"match":{"destination":"10.0.0.1","colour":"red"}}""", "colour")]
    [InlineData("""{"match":{"destination":"10.0.0.1"},"then":{"traffic-rate":"fast"}}""", "traffic-rate")]
    [InlineData("""{"then":{"traffic-rate":"0"}}""", "match")]
    [InlineData("""{"match":{"destination":"10.0.0.1"},"when":{}}""", "when")]
    [InlineData("""[1,2]""", "match")]
    [InlineData("""{"match":""", "")]
    public async Task FlowSpec_BadRule_Is400SayingWhy(string body, string named)
    {
        await using var host = await StartAsync();

        var put = await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/127.0.0.2/json", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(named, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowSpec_UnknownRouter_Is404()
    {
        await using var host = await StartAsync();

        var put = await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/192.0.2.99/json", Seed);
        var get = await host.Http.GetAsync(new Uri("/bgp/flowspec/192.0.2.99/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task RoutePusher_PutGetListDelete_PushesTheBlackholeRoute()
    {
        await using var host = await StartAsync();
        const string Route = """{"nexthop":"192.0.2.1","communities":"65535:666","localpref":100}""";

        var put = await SendAsync(host, HttpMethod.Put, "/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", Route);
        var one = await host.Http.GetStringAsync(new Uri("/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", UriKind.Relative), TestContext.Current.CancellationToken);
        var list = await host.Http.GetStringAsync(new Uri("/bgp/routepusher/127.0.0.2/json", UriKind.Relative), TestContext.Current.CancellationToken);
        var deleted = await SendAsync(host, HttpMethod.Delete, "/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", null);
        var gone = await host.Http.GetAsync(new Uri("/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("""{"nexthop":"192.0.2.1","communities":"65535:666","localpref":"100","prefix":"10.0.0.1/32"}""", one);
        Assert.Equal("""["10.0.0.1/32"]""", list);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("/bgp/routepusher/127.0.0.2/10.0.0.1/33/json", """{"nexthop":"192.0.2.1"}""")]
    [InlineData("/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", """{"communities":"65535:666"}""")]
    [InlineData("/bgp/routepusher/127.0.0.2/10.0.0.1/32/json", """{"nexthop":"2001:db8::1"}""")]
    public async Task RoutePusher_BadRoute_Is400(string path, string body)
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(host, HttpMethod.Put, path, body)).StatusCode);
    }

    [Fact]
    public async Task Neighbors_Configured_ListsTheStateAndCounts()
    {
        await using var host = await StartAsync();
        await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/127.0.0.2/json", Seed);

        using var neighbors = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/bgp/neighbors/json", UriKind.Relative), TestContext.Current.CancellationToken));

        var neighbor = Assert.Single(neighbors.RootElement.EnumerateArray());
        Assert.Equal("127.0.0.2", neighbor.GetProperty("address").GetString());
        Assert.Equal("active", neighbor.GetProperty("state").GetString());
        Assert.Equal(65001, neighbor.GetProperty("localAS").GetInt32());
        Assert.Equal(1, neighbor.GetProperty("flows").GetInt32());
    }

    [Fact]
    public async Task FlowSpec_ReadOnly_Is403()
    {
        await using var host = await ServeTestHost.StartAsync(("bgp:neighbors", "127.0.0.2"), ("http:readonly", "yes"));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, HttpMethod.Put, "/bgp/flowspec/127.0.0.2/json", Seed)).StatusCode);
    }

    private static Task<ServeTestHost> StartAsync() =>
        ServeTestHost.StartAsync(("bgp:neighbors", "127.0.0.2"), ("bgp:as", "65001"));

    private static async Task<HttpResponseMessage> SendAsync(ServeTestHost host, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
