using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// <c>/threshold</c> and the <c>/events</c> long poll (sflow-rt-api.md §1.4, §5) over real sFlow datagrams sent to the
/// engine's UDP port; the engine checks thresholds every second.
/// </summary>
public sealed class ThresholdEndpointsTests
{
    private static readonly (string, string, uint)[] Packets =
    [
        ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 100),
    ];

    [Fact]
    public async Task Threshold_PutGetListDelete_RoundTrips()
    {
        await using var host = await ServeTestHost.StartAsync();

        var put = await PutAsync(host, "/threshold/fast/json", """{"metric":"ifinutilization","value":80,"filter":{"ifspeed":[10000000000,"1000000000"],"iftype":"ethernetCsmacd"},"timeout":0.2}""");
        await PutAsync(host, "/threshold/large-tcp/json", """{"metric":"tcp","value":125000,"byFlow":true,"timeout":10}""");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var one = await JsonAsync(host, "/threshold/fast/json");
        Assert.Equal(
            """{"metric":"ifinutilization","value":80,"filter":{"ifspeed":["10000000000","1000000000"],"iftype":["ethernetCsmacd"]},"byFlow":false,"timeout":0.2}""",
            one.RootElement.GetRawText());
        using var all = await JsonAsync(host, "/threshold/json");
        Assert.Equal(["fast", "large-tcp"], all.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(all.RootElement.GetProperty("large-tcp").GetProperty("byFlow").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(host, "/threshold/fast/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(host, "/threshold/fast/json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/threshold/fast/json", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("""{"value":1}""", "metric")]
    [InlineData("""{"metric":"load_one"}""", "value")]
    [InlineData("""{"metric":"max:load_one","value":1}""", "aggregation")]
    [InlineData("""{"metric":"load_one","value":"high"}""", "value")]
    [InlineData("""{"metric":"load_one","value":1,"filter":["linux"]}""", "filter")]
    [InlineData("""{"metric":"load_one","value":1,"timeout":-1}""", "timeout")]
    [InlineData("""{"metric":"load_one","value":1,"byFlow":"sometimes"}""", "byFlow")]
    [InlineData("{not json", "")]
    public async Task PutThreshold_BadBody_Is400NamingTheField(string body, string field)
    {
        await using var host = await ServeTestHost.StartAsync();

        var put = await PutAsync(host, "/threshold/bad/json", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(field, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/threshold/bad/json", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Events_ByFlowThresholdOverUdpTraffic_LongPollReturnsEventThenEmpty()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, "/flow/pair/json", """{"keys":"ipsource,ipdestination","value":"bytes","values":["max:bytes"]}""");
        await PutAsync(host, "/threshold/large/json", """{"metric":"pair","value":200000,"byFlow":true,"timeout":60}""");

        // 20 datagrams at once: 60 A→B samples of 1000 bytes at 1 in 100 make 3,000,000 bytes/s (t = 2 s), above 200,000
        // for over 5 s, so the 1 s checker sees it; C→D's 20 samples of 100 bytes make 100,000 and never cross.
        await host.SendAsync(Enumerable.Range(1, 20).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));
        using var first = await JsonAsync(host, "/events/json?thresholdID=large&eventID=-1&maxEvents=10&timeout=20");
        var clock = Stopwatch.StartNew();
        var stored = first.RootElement[0].GetProperty("eventID").GetInt64();
        using var next = await JsonAsync(host, $"/events/json?thresholdID=large&eventID={stored}&maxEvents=10&timeout=1");
        var waited = clock.Elapsed;
        using var analyzer = await JsonAsync(host, "/analyzer/json");

        var crossing = Assert.Single(first.RootElement.EnumerateArray());
        Assert.Equal("large", crossing.GetProperty("thresholdID").GetString());
        Assert.Equal("pair", crossing.GetProperty("metric").GetString());
        Assert.Equal(200_000, crossing.GetProperty("threshold").GetDouble());
        Assert.InRange(crossing.GetProperty("value").GetDouble(), 200_000, 3_000_000);
        Assert.Equal("192.0.2.1", crossing.GetProperty("agent").GetString());
        Assert.Equal("3", crossing.GetProperty("dataSource").GetString());
        Assert.Equal("10.0.0.1,10.0.0.2", crossing.GetProperty("flowKey").GetString());
        Assert.Equal([1000.0], crossing.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.InRange(
            crossing.GetProperty("timestamp").GetInt64(),
            DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeMilliseconds(),
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Empty(next.RootElement.EnumerateArray());
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"the poll returned after {waited} instead of waiting for its timeout");
        Assert.Equal(1, analyzer.RootElement.GetProperty("eventsGenerated").GetInt64());
    }

    [Fact]
    public async Task Events_PollWaitingBeforeTheTraffic_WakesWithTheEvent()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, "/flow/total/json", """{"value":"bytes"}""");
        await PutAsync(host, "/threshold/busy/json", """{"metric":"total","value":100000}""");
        await PutAsync(host, "/threshold/quiet/json", """{"metric":"total","value":1e12}""");

        var poll = host.Http.GetStringAsync("/events/json?eventID=-1&timeout=30", TestContext.Current.CancellationToken);
        await host.SendAsync(Enumerable.Range(1, 20).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));
        using var events = JsonDocument.Parse(await poll);

        var crossing = Assert.Single(events.RootElement.EnumerateArray());
        Assert.Equal("busy", crossing.GetProperty("thresholdID").GetString());
        Assert.False(crossing.TryGetProperty("flowKey", out _));
        Assert.False(crossing.TryGetProperty("values", out _));
        Assert.Equal("3", crossing.GetProperty("dataSource").GetString());
    }

    [Fact]
    public async Task Events_CounterThresholdsWithFilter_FireForMatchingDataSourcesOnly()
    {
        await using var host = await MetricEndpointsTests.ReplayAsync();
        await PutAsync(host, "/threshold/load/json", """{"metric":"load_one","value":1}""");
        await PutAsync(host, "/threshold/ten-gig-in/json", """{"metric":"ifinoctets","value":1000,"filter":{"ifspeed":["10000000000"]}}""");

        using var load = await JsonAsync(host, "/events/json?thresholdID=load&timeout=20");
        using var tenGig = await JsonAsync(host, "/events/json?thresholdID=ten-gig-in&timeout=20");
        using var newest = await JsonAsync(host, "/events/json?maxEvents=1");

        // The capture: leaf1 (192.0.2.1) load 0.5 on a 1G port, leaf2 (192.0.2.2) load 1.5 on a 10G port with 500,000 octets/s in.
        var hot = Assert.Single(load.RootElement.EnumerateArray());
        Assert.Equal("192.0.2.2", hot.GetProperty("agent").GetString());
        Assert.Equal("2.1", hot.GetProperty("dataSource").GetString());
        Assert.Equal(1.5, hot.GetProperty("value").GetDouble());
        var port = Assert.Single(tenGig.RootElement.EnumerateArray());
        Assert.Equal("7", port.GetProperty("dataSource").GetString());
        Assert.Equal(500_000, port.GetProperty("value").GetDouble());
        Assert.Single(newest.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Events_BadQuery_Is400()
    {
        await using var host = await ServeTestHost.StartAsync();

        var response = await host.Http.GetAsync("/events/json?eventID=latest", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutAsync(ServeTestHost host, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await host.Http.PutAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private static Task<HttpResponseMessage> DeleteAsync(ServeTestHost host, string path) =>
        host.Http.DeleteAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    private static async Task<JsonDocument> JsonAsync(ServeTestHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken));
}
