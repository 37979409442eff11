using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

public sealed class FlowLogEndpointsTests
{
    [Fact]
    public async Task FlowsJson_IdleLoggedFlows_ReturnsRecordsNewestFirstWithScaledTotals()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes","log":true}""");

        SubmitEnded(host, 1, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500));
        var records = await CollectAsync(host, "/flows/json?maxFlows=10&timeout=20", 2);

        using var latest = await JsonAsync(host, "/flows/json?flowID=-1&maxFlows=10");
        var rows = latest.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].GetProperty("flowID").GetInt64() > rows[1].GetProperty("flowID").GetInt64());
        var byKey = rows.ToDictionary(r => r.GetProperty("flowKeys").GetString()!);
        var big = byKey["10.0.0.1,10.0.0.2"];
        Assert.Equal("pair", big.GetProperty("name").GetString());
        Assert.Equal(1_000_000, big.GetProperty("value").GetDouble()); // 10 samples × 1000 bytes × 1-in-100
        Assert.Equal("192.0.2.1", big.GetProperty("agent").GetString());
        Assert.Equal("3", big.GetProperty("dataSource").GetString());
        Assert.Equal(big.GetProperty("start").GetInt64(), big.GetProperty("end").GetInt64()); // all in one datagram
        Assert.False(big.TryGetProperty("values", out _));
        Assert.Equal(500_000, byKey["10.0.0.3,10.0.0.4"].GetProperty("value").GetDouble());
        Assert.Equal(2, records.Count);

        using var one = await JsonAsync(host, "/flows/json?flowID=-1&maxFlows=1");
        Assert.Equal(rows[0].GetProperty("flowID").GetInt64(), one.RootElement.EnumerateArray().Single().GetProperty("flowID").GetInt64());
    }

    [Fact]
    public async Task FlowsJson_NothingNewerThanFlowId_HoldsThenAnswersEmptyArray()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes","log":true}""");
        SubmitEnded(host, 1, ("10.0.0.1", "10.0.0.2", 1000));
        var newest = (await CollectAsync(host, "/flows/json?timeout=20", 1))[0].GetProperty("flowID").GetInt64();

        using var none = await JsonAsync(host, $"/flows/json?flowID={newest}&timeout=1");

        Assert.Equal(JsonValueKind.Array, none.RootElement.ValueKind);
        Assert.Empty(none.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task FlowsJson_RecordEndsDuringTheHold_AnswersWithIt()
    {
        await using var host = await ServeTestHost.StartAsync();
        await PutAsync(host, "pair", """{"keys":"ipsource,ipdestination","value":"bytes","log":true}""");
        await PutAsync(host, "other", """{"keys":"ipsource","value":"frames","log":true}""");
        SubmitEnded(host, 1, ("10.0.0.1", "10.0.0.2", 1000));
        var newest = (await CollectAsync(host, "/flows/json?name=pair&timeout=20", 1))[0].GetProperty("flowID").GetInt64();

        var poll = JsonAsync(host, $"/flows/json?flowID={newest}&name=pair&maxFlows=5&timeout=30");
        SubmitEnded(host, 2, ("10.0.0.7", "10.0.0.8", 200));
        using var answer = await poll;

        var record = answer.RootElement.EnumerateArray().Single();
        Assert.Equal("10.0.0.7,10.0.0.8", record.GetProperty("flowKeys").GetString());
        Assert.Equal("pair", record.GetProperty("name").GetString());
    }

    [Fact]
    public async Task FlowsJson_BadNumber_Is400()
    {
        await using var host = await ServeTestHost.StartAsync();

        var response = await host.Http.GetAsync(new Uri("/flows/json?flowID=abc", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PutFlow_IpfixCollectorsWithKeyOutsideTheList_Is400NamingTheKey()
    {
        await using var host = await ServeTestHost.StartAsync();

        var put = await SendPutAsync(host, "bad", """{"keys":"ipsource,dnsqname","value":"bytes","ipfixCollectors":["127.0.0.1"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var message = await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("dnsqname", message, StringComparison.Ordinal);
        Assert.Contains("ipfixCollectors", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendPutAsync(host, "bad", """{"keys":"ipsource","value":"bytes","ipfixCollectors":["not-an-address"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendPutAsync(host, "bad", """{"keys":"ipsource","value":"requests","ipfixCollectors":["127.0.0.1"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync(new Uri("/flow/bad/json", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PutFlow_IpfixCollectors_ShownInTheDefinitionAndExporting()
    {
        await using var host = await ServeTestHost.StartAsync();

        await PutAsync(host, "exported", """{"keys":["ipsource","ipdestination"],"value":"bytes","ipfixCollectors":["127.0.0.1:4739"]}""");

        using var definition = await JsonAsync(host, "/flow/exported/json");
        Assert.Equal(["127.0.0.1:4739"], definition.RootElement.GetProperty("ipfixCollectors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4739), host.Engine.FlowLogging.Exporters["exported"].Collectors.Single());
    }

    /// <summary>
    /// One datagram with ten samples of each packet, received a minute ago: the workers' next sweep ends the flows.
    /// One datagram, so no sweep can come between its samples and split a flow.
    /// </summary>
    private static void SubmitEnded(ServeTestHost host, uint sequence, params (string, string, uint)[] packets)
    {
        var then = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        var samples = Enumerable.Repeat(packets, 10).SelectMany(p => p).ToArray();
        Assert.True(host.Engine.Ingest.Submit(FlowDatagrams.Flows("192.0.2.1", sequence, 100, 3, samples), FlowDatagrams.Address("127.0.0.1"), then));
    }

    /// <summary>Long-polls from flowID -1 until <paramref name="count"/> records have come.</summary>
    private static async Task<List<JsonElement>> CollectAsync(ServeTestHost host, string path, int count)
    {
        var records = new List<JsonElement>();
        var flowId = -1L;
        for (var polls = 0; records.Count < count; polls++)
        {
            Assert.True(polls < 10, $"only {records.Count} of {count} records came");
            using var answer = await JsonAsync(host, $"{path}&flowID={flowId}");
            var batch = answer.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            if (batch.Count > 0)
            {
                flowId = batch[0].GetProperty("flowID").GetInt64();
            }

            records.AddRange(batch);
        }

        return records;
    }

    private static async Task PutAsync(ServeTestHost host, string name, string body) =>
        Assert.Equal(HttpStatusCode.NoContent, (await SendPutAsync(host, name, body)).StatusCode);

    private static async Task<HttpResponseMessage> SendPutAsync(ServeTestHost host, string name, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await host.Http.PutAsync(new Uri($"/flow/{name}/json", UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonDocument> JsonAsync(ServeTestHost host, string path) =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken));
}
