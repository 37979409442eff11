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
        // t = 20 s, so the second or so between the last datagram and the query (a busy machine) decays the rates by
        // a few percent at most.
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes","t":20}""")).StatusCode);

        // 120 s (6 t) of traffic ending now, a datagram every 100 ms: A→B = 5,000,000 bytes/s, C→D = 1,000,000 bytes/s.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var source = FlowDatagrams.Address("127.0.0.1");
        for (uint i = 0; i < 1200; i++)
        {
            while (!host.Engine.Ingest.Submit(FlowDatagrams.Flows("192.0.2.1", i + 1, 100, 3, Packets), source, now - 120_000 + (i * 100)))
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }
        }

        await host.Engine.DrainAsync(TimeSpan.FromSeconds(10));

        using var flows = await JsonAsync(host, "/activeflows/ALL/pair/json");
        var rows = flows.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.InRange(rows[0].GetProperty("value").GetDouble(), 5_000_000 * 0.9, 5_000_000 * 1.05);
        Assert.InRange(rows[1].GetProperty("value").GetDouble(), 1_000_000 * 0.9, 1_000_000 * 1.05);
    }

    [Fact]
    public async Task ActiveFlows_DefinitionWithValues_RowsCarryValuesArray()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "dst", """{"keys":"ipdestination","value":"bytes","values":["count:ipsource","avg:ipbytes","max:bytes"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "plain", """{"keys":"ipdestination","value":"frames"}""")).StatusCode);

        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));

        using var flows = await JsonAsync(host, "/activeflows/ALL/dst/json");
        var rows = flows.RootElement.EnumerateArray().ToList();
        Assert.Equal(["10.0.0.2", "10.0.0.4"], rows.Select(r => r.GetProperty("key").GetString()));
        var values = rows[0].GetProperty("values").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6)).ToList();
        Assert.Equal([1, 1500, 1000], values); // one source, the IP length, the largest frame
        Assert.Equal("192.0.2.1", rows[0].GetProperty("agent").GetString());
        Assert.Equal("3", rows[0].GetProperty("dataSource").GetString());
        Assert.True(rows[0].GetProperty("value").GetDouble() > 0);
        using var plain = await JsonAsync(host, "/activeflows/ALL/plain/json");
        Assert.False(plain.RootElement[0].TryGetProperty("values", out _));
    }

    [Fact]
    public async Task ActiveFlows_FilterParameter_SelectsMatchingKeysOrIs400()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes"}""")).StatusCode);
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));

        using var one = await JsonAsync(host, "/activeflows/ALL/pair/json?filter=" + Uri.EscapeDataString("ipsource=10.0.0.3"));
        using var cidr = await JsonAsync(host, "/activeflows/ALL/pair/json?filter=" + Uri.EscapeDataString("ipdestination=10.0.0.0/30&ipsource!=10.0.0.3"));
        using var all = await JsonAsync(host, "/activeflows/ALL/pair/json?filter=");
        var unknown = await GetAsync(host, "/activeflows/ALL/pair/json?filter=" + Uri.EscapeDataString("ipprotocol=17"));
        var broken = await GetAsync(host, "/activeflows/ALL/pair/json?filter=" + Uri.EscapeDataString("ipsource=10.0.0.1&"));

        Assert.Equal("10.0.0.3,10.0.0.4", Assert.Single(one.RootElement.EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("10.0.0.1,10.0.0.2", Assert.Single(cidr.RootElement.EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(2, all.RootElement.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var message = await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("not a key of this flow", message, StringComparison.Ordinal);
        Assert.Contains("'ipprotocol'", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("position 18", await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutFlow_CidrFilter_CountsAddressesInsidePrefixOnly()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "in", """{"keys":"ipsource","value":"frames","filter":"ipsource=10.0.0.2/31,192.168.0.0/16"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "out", """{"keys":"ipsource","value":"frames","filter":"ipsource!=10.0.0.0/31"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "v6", """{"keys":"ipsource","value":"frames","filter":"ip6source=2001:db8::/32"}""")).StatusCode);
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));

        using var inside = await JsonAsync(host, "/activeflows/ALL/in/json");
        using var outside = await JsonAsync(host, "/activeflows/ALL/out/json");
        using var v6 = await JsonAsync(host, "/activeflows/ALL/v6/json");

        Assert.Equal("10.0.0.3", Assert.Single(inside.RootElement.EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("10.0.0.3", Assert.Single(outside.RootElement.EnumerateArray()).GetProperty("key").GetString());
        Assert.Empty(v6.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task FlowKeys_AfterTraffic_ListsDecodedKeysWithMsSinceSeen()
    {
        await using var host = await ServeTestHost.StartAsync();
        await host.SendAsync(Enumerable.Range(1, 3).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));

        using var keys = await JsonAsync(host, "/flowkeys/json");

        foreach (var key in new[] { "agent", "ipsource", "ipdestination", "udpsourceport", "macsource", "bytes" })
        {
            Assert.InRange(keys.RootElement.GetProperty(key).GetInt64(), 0, 60_000);
        }

        Assert.False(keys.RootElement.TryGetProperty("tcpsourceport", out _));
        Assert.False(keys.RootElement.TryGetProperty("ip6source", out _));
    }

    [Fact]
    public async Task FlowValueAndFlowLocations_KnownKey_ValueAndWhereItIsSeen()
    {
        await using var host = await ServeTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes"}""")).StatusCode);
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets))
            .Concat(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.2", (uint)i, 100, 9, Packets[..1]))));
        var key = "?key=" + Uri.EscapeDataString("10.0.0.1,10.0.0.2");

        using var value = await JsonAsync(host, "/flowvalue/192.0.2.1/3.pair/json" + key);
        using var locations = await JsonAsync(host, "/flowlocations/ALL/pair/json" + key);

        // 50 samples × 1000 bytes × 100 arrived at once: 5,000,000 / t (2 s), decayed by the little time since.
        Assert.InRange(value.RootElement.GetDouble(), 2_500_000 * 0.5, 2_500_000 * 1.001);
        var rows = locations.RootElement.EnumerateArray().ToList();
        Assert.Equal([("192.0.2.1", "3"), ("192.0.2.2", "9")], rows.Select(r => (r.GetProperty("agent").GetString(), r.GetProperty("dataSource").GetString())));
        Assert.True(rows[0].GetProperty("value").GetDouble() > rows[1].GetProperty("value").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flowvalue/192.0.2.1/9.pair/json" + key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flowvalue/192.0.2.1/3.other/json" + key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flowvalue/192.0.2.1/3.pair/json?key=10.9.9.9,10.0.0.2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(host, "/flowvalue/192.0.2.1/3.pair/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, "/flowlocations/ALL/other/json" + key)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(host, "/flowlocations/ALL/pair/json")).StatusCode);
        using var nowhere = await JsonAsync(host, "/flowlocations/ALL/pair/json?key=10.9.9.9,10.0.0.2");
        Assert.Empty(nowhere.RootElement.EnumerateArray());
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
