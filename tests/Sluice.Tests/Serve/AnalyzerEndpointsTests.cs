using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Tests.Serve;

public sealed class AnalyzerEndpointsTests
{
    [Fact]
    public async Task Analyzer_AfterDatagrams_CountsDatagramsAgentsAndErrors()
    {
        await using var host = await ServeTestHost.StartAsync();
        var datagrams = Enumerable.Range(1, 20).Select(i => Datagram("192.0.2.1", (uint)i)).ToList();
        datagrams.AddRange(Enumerable.Range(1, 5).Select(i => Datagram("192.0.2.2", (uint)i)));
        datagrams.Add([0, 0, 0, 9, 0, 0, 0, 1]);
        datagrams.Add(Datagram("192.0.2.3", 1)[..40]);

        await host.SendAsync(datagrams);

        using var analyzer = JsonDocument.Parse(await host.Http.GetStringAsync("/analyzer/json", TestContext.Current.CancellationToken));
        var root = analyzer.RootElement;
        Assert.Equal(3, root.GetProperty("sFlowAgents").GetInt32());
        Assert.Equal(27, root.GetProperty("sFlowDatagramsReceived").GetInt64());
        Assert.Equal(1, root.GetProperty("sFlowUnsupportedVersion").GetInt64());
        Assert.Equal(1, root.GetProperty("sFlowParseErrors").GetInt64());
        Assert.Equal(25, root.GetProperty("sFlowCounterSamples").GetInt64());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("availableProcessors").GetInt32());
        Assert.True(root.GetProperty("uptime").GetInt64() >= 0);
        Assert.Equal("0.1.0", root.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Analyzer_AfterFullCollection_CountsGen2Collections()
    {
        await using var host = await ServeTestHost.StartAsync();
        var before = await Gen2Async(host);

        // The host runs in this process, so a collection forced here is the engine's.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = await Gen2Async(host);

        Assert.True(after.Gen2 >= before.Gen2 + 1, $"gcGen2Count {before.Gen2} -> {after.Gen2}");
        Assert.True(after.Gen2 <= after.All, $"gcGen2Count {after.Gen2} > gcCount {after.All}");
    }

    [Fact]
    public async Task Analyzer_AfterRequests_CountsHttpBytesBothWays()
    {
        await using var host = await ServeTestHost.StartAsync();

        // GETs have no body and the JSON answers no Content-Length: only the connection sees their bytes.
        var answer = await host.Http.GetStringAsync("/analyzer/json", TestContext.Current.CancellationToken);
        using var analyzer = JsonDocument.Parse(await host.Http.GetStringAsync("/analyzer/json", TestContext.Current.CancellationToken));

        var received = analyzer.RootElement.GetProperty("httpBytesReceived").GetInt64();
        var sent = analyzer.RootElement.GetProperty("httpBytesSent").GetInt64();
        Assert.True(received >= 2 * "GET /analyzer/json HTTP/1.1\r\n".Length, $"received {received}");
        Assert.True(sent >= answer.Length, $"sent {sent}, the first answer alone was {answer.Length}");
    }

    [Fact]
    public async Task Agents_ReportsSequenceAccountingPerAgentAndFiltersByAgent()
    {
        await using var host = await ServeTestHost.StartAsync();
        await host.SendAsync([.. new uint[] { 1, 2, 3, 7, 8 }.Select(s => Datagram("192.0.2.1", s)), Datagram("192.0.2.9", 1)]);

        using var all = JsonDocument.Parse(await host.Http.GetStringAsync("/agents/json", TestContext.Current.CancellationToken));
        using var one = JsonDocument.Parse(await host.Http.GetStringAsync("/agents/json?agent=192.0.2.9", TestContext.Current.CancellationToken));

        var agent = all.RootElement.GetProperty("192.0.2.1");
        Assert.Equal(5, agent.GetProperty("sFlowDatagramsReceived").GetInt64());
        Assert.Equal(3, agent.GetProperty("sFlowDatagramsLost").GetInt64());
        Assert.Equal(5, agent.GetProperty("sFlowCounterSamples").GetInt64());
        Assert.Equal(3, agent.GetProperty("sFlowCounterLostSamples").GetInt64());
        Assert.Equal("127.0.0.1", agent.GetProperty("sourceIP").GetString());
        Assert.Equal(["192.0.2.9"], one.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Version_License_Status_AnswerLikeSflowRt()
    {
        await using var host = await ServeTestHost.StartAsync();

        Assert.Equal("0.1.0", await host.Http.GetStringAsync("/version", TestContext.Current.CancellationToken));
        Assert.Equal("OK", await host.Http.GetStringAsync("/status", TestContext.Current.CancellationToken));
        using var license = JsonDocument.Parse(await host.Http.GetStringAsync("/license/json", TestContext.Current.CancellationToken));
        Assert.True(license.RootElement.GetProperty("license").GetProperty("expires_ok").GetBoolean());
        Assert.Equal("production", license.RootElement.GetProperty("license").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Readonly_AnyWrite_Is403()
    {
        await using var host = await ServeTestHost.StartAsync(("http:readonly", "yes"));

        using var response = await host.Http.PutAsJsonAsync("/flow/test/json", new { keys = "ipsource" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PrometheusAnalyzer_ExposesAgentsAndDatagramsAsGauges()
    {
        await using var host = await ServeTestHost.StartAsync(("prometheus:type", "yes"));
        await host.SendAsync([Datagram("192.0.2.1", 1), Datagram("192.0.2.2", 1)]);

        using var response = await host.Http.GetAsync("/prometheus/analyzer/txt", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE sflow_analyzer_agents gauge\nsflow_analyzer_agents 2\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsflow_analyzer_datagrams_received 2\n", text, StringComparison.Ordinal);
    }

    private static byte[] Datagram(string agent, uint sequence)
    {
        var buffer = new byte[512];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(SflowAddress.FromIPAddress(IPAddress.Parse(agent)), 0, sequence, sequence * 1000);
        writer.BeginCountersSample(new SflowSample { SequenceNumber = sequence, SourceIdIndex = 5 });
        writer.BeginRecord(CounterRecordTags.PortName);
        writer.Body.WriteOpaque("eth5"u8);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }

    private static async Task<(long Gen2, long All)> Gen2Async(ServeTestHost host)
    {
        using var analyzer = JsonDocument.Parse(await host.Http.GetStringAsync("/analyzer/json", TestContext.Current.CancellationToken));
        return (analyzer.RootElement.GetProperty("gcGen2Count").GetInt64(), analyzer.RootElement.GetProperty("gcCount").GetInt64());
    }
}
