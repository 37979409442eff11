using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

public sealed class FlowEndpointsTests
{
    private static readonly (string, string, uint)[] Packets =
    [
        ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000),
        ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500),
        ("10.0.0.3", "10.0.0.4", 500),
    ];

    [Fact]
    public async Task FlowDefinition_PutGetListDelete_RoundTrips()
    {
        await using var host = await ServeTestHost.StartAsync();

        var put = await PutAsync(host, "pair", """{"keys":["ipsource","ipdestination"],"value":"bytes","t":5,"fs":"_SEP_"}""");
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        using var one = await JsonAsync(host, "/flow/pair/json");
        Assert.Equal("ipsource,ipdestination", one.RootElement.GetProperty("keys").GetString());
        Assert.Equal("bytes", one.RootElement.GetProperty("value").GetString());
        Assert.Equal(5, one.RootElement.GetProperty("t").GetDouble());
        Assert.Equal("_SEP_", one.RootElement.GetProperty("fs").GetString());
        Assert.Equal(5, one.RootElement.GetProperty("n").GetInt32());

        using var all = await JsonAsync(host, "/flow/json");
        Assert.Equal("bytes", all.RootElement.GetProperty("pair").GetProperty("value").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(host, "/flow/pair/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(host, "/flow/pair/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flow/pair/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/activeflows/ALL/pair/json")).StatusCode);
    }

    [Fact]
    public async Task PutFlow_MisspelledKey_Is400WithPositionAndToken()
    {
        await using var host = await ServeTestHost.StartAsync();

        var put = await PutAsync(host, "bad", """{"keys":"ipsorce","value":"bytes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var message = await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("keys", message, StringComparison.Ordinal);
        Assert.Contains("position 0", message, StringComparison.Ordinal);
        Assert.Contains("ipsorce", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flow/bad/json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(host, "bad", "{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(host, "bad", """{"keys":"ipsource"}""")).StatusCode);
    }

    [Fact]
    public async Task ActiveFlows_UdpTraffic_LargestFirstWithAgentAndDataSource()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes"}""")).StatusCode);

        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));

        using var flows = await JsonAsync(host, "/activeflows/ALL/pair/json?maxFlows=10");
        var rows = flows.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("10.0.0.1,10.0.0.2", rows[0].GetProperty("key").GetString());
        Assert.Equal("192.0.2.1", rows[0].GetProperty("agent").GetString());
        Assert.Equal("3", rows[0].GetProperty("dataSource").GetString());
        // 50 samples × 1000 bytes × 100 arrived at once: 5,000,000 / t (2 s), decayed by the little time since.
        Assert.InRange(rows[0].GetProperty("value").GetDouble(), 2_500_000 * 0.5, 2_500_000 * 1.001);
        Assert.Equal("10.0.0.3,10.0.0.4", rows[1].GetProperty("key").GetString());
        Assert.True(rows[0].GetProperty("value").GetDouble() > rows[1].GetProperty("value").GetDouble());

        using var top = await JsonAsync(host, "/activeflows/192.0.2.1/pair/json?maxFlows=1&aggMode=sum");
        Assert.Single(top.RootElement.EnumerateArray());
        using var none = await JsonAsync(host, "/activeflows/ALL/pair/json?minValue=1e12");
        Assert.Empty(none.RootElement.EnumerateArray());
        using var other = await JsonAsync(host, "/activeflows/192.0.2.9/pair/json");
        Assert.Empty(other.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task ActiveFlows_SteadyTraffic_ConvergesToPerSecondRates()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes"}""")).StatusCode);

        // 20 s of traffic ending now, a datagram every 100 ms: A→B = 5,000,000 bytes/s, C→D = 1,000,000 bytes/s.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var source = FlowDatagrams.Address("127.0.0.1");
        for (uint i = 0; i < 200; i++)
        {
            Assert.True(host.Engine.Ingest.Submit(FlowDatagrams.Flows("192.0.2.1", i + 1, 100, 3, Packets), source, now - 20_000 + (i * 100)));
        }

        await host.Engine.DrainAsync(TimeSpan.FromSeconds(10));

        using var flows = await JsonAsync(host, "/activeflows/ALL/pair/json");
        var rows = flows.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.InRange(rows[0].GetProperty("value").GetDouble(), 5_000_000 * 0.9, 5_000_000 * 1.05);
        Assert.InRange(rows[1].GetProperty("value").GetDouble(), 1_000_000 * 0.9, 1_000_000 * 1.05);
    }

    private static async Task<HttpResponseMessage> PutAsync(ServeTestHost host, string name, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await host.Http.PutAsync(new Uri($"/flow/{name}/json", UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private static Task<HttpResponseMessage> GetAsync(ServeTestHost host, string path) =>
        host.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> DeleteAsync(ServeTestHost host, string path) =>
        host.Http.DeleteAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    private static async Task<JsonDocument> JsonAsync(ServeTestHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken));
}
