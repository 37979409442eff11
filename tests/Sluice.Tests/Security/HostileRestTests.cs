using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sluice.Security;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary>
/// Hostile REST input: each is answered with a 4xx or kept bounded, and the server keeps answering afterwards.
/// </summary>
public sealed class HostileRestTests
{
    /// <summary>The write endpoints that read a JSON body.</summary>
    public static TheoryData<string> JsonWrites => new()
    {
        "/flow/x/json", "/threshold/x/json", "/group/x/json", "/map/x/json", "/forwarding/x/json", "/tenant/x/json", "/topology/json",
    };

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task AssertHealthyAsync(ServeTestHost host)
    {
        using var response = await host.Http.GetAsync(new Uri("/analyzer/json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.TryGetProperty("sFlowDatagramsReceived", out _));
    }

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task Put_BodyOverTheLimit_Is413(string path)
    {
        await using var host = await ServeTestHost.StartAsync();
        var body = new byte[HttpSecuritySettings.DefaultMaxRequestBodyBytes + 1];
        body.AsSpan().Fill((byte)' ');

        // Expect: 100-continue lets the server refuse before the body is sent, as a well-behaved uploader asks.
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Body(body) };
        request.Headers.ExpectContinue = true;

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertHealthyAsync(host);
    }

    [Fact]
    public async Task Put_ChunkedBodyGrowingOverTheLimit_Is413()
    {
        await using var host = await ServeTestHost.StartAsync(("http:maxbody", "65536"));
        // No Content-Length: Kestrel finds out only while reading, and the body is cut off at the limit.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"keys\":\"ipsource\",\"value\":\"bytes\",\"filter\":\"" + new string('a', 200_000) + "\"}"));
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/flow/x/json") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Engine.Flows.Names);
        await AssertHealthyAsync(host);
    }

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task Put_DeeplyNestedJson_Is400(string path)
    {
        await using var host = await ServeTestHost.StartAsync();
        var depth = 100_000;
        var body = new string('[', depth) + new string(']', depth);

        using var array = await host.Http.PutAsync(new Uri(path, UriKind.Relative), Body(Encoding.UTF8.GetBytes(body)), TestContext.Current.CancellationToken);
        using var objects = await host.Http.PutAsync(new Uri(path, UriKind.Relative), Body(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, objects.StatusCode);
        await AssertHealthyAsync(host);
    }

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task Put_InvalidUtf8_Is400(string path)
    {
        await using var host = await ServeTestHost.StartAsync();
        // A lone continuation byte and an overlong encoding of '/' inside string values.
        byte[] prefix = [.. "{\"keys\":\"ipsource\",\"value\":\"bytes\",\"name\":\""u8];
        byte[] body = [.. prefix, 0x80, 0xC0, 0xAF, 0xFF, .. "\"}"u8];

        using var response = await host.Http.PutAsync(new Uri(path, UriKind.Relative), Body(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertHealthyAsync(host);
    }

    [Fact]
    public async Task Put_InvalidUtf8InAFlowValue_Is400AndNothingIsDefined()
    {
        await using var host = await ServeTestHost.StartAsync();
        byte[] body = [.. "{\"keys\":\"ipsource\",\"value\":\"bytes\",\"filter\":\"ipsource=10.0.0.1"u8, 0xFF, .. "\"}"u8];

        using var response = await host.Http.PutAsync(new Uri("/flow/x/json", UriKind.Relative), Body(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Engine.Flows.Names);
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("(a|aa)*b")]
    [InlineData("(.*a){20}")]
    public async Task Flow_CatastrophicRegexFilter_StaysLinearAndIngestCarriesOn(string pattern)
    {
        await using var host = await ServeTestHost.StartAsync();
        var flow = JsonSerializer.Serialize(new { keys = "ipsource", value = "frames", filter = $"ipsource~{pattern}" });

        using var put = await host.Http.PutAsync(new Uri("/flow/evil/json", UriKind.Relative), new StringContent(flow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        // Every sample is matched against the pattern; with backtracking, 2^n steps per sample would stall the worker.
        await host.SendAsync(Enumerable.Range(1, 50).Select(i => FlowDatagrams.Flows("10.0.0.1", (uint)i, 100, 3, ("10.1.1.1", "10.2.2.2", 1000))));
        using var query = await host.Http.GetAsync(new Uri($"/activeflows/ALL/evil/json?filter={Uri.EscapeDataString("ipsource~" + pattern)}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(50, host.Engine.ShardStatistics.Sum(s => s.Decoded));
        await AssertHealthyAsync(host);
    }

    [Fact]
    public async Task Flow_RegexWithBackreference_Is400NamingTheExpression()
    {
        await using var host = await ServeTestHost.StartAsync();
        var flow = JsonSerializer.Serialize(new { keys = "ipsource", value = "frames", filter = "ipsource~(a+)\\1" });

        using var put = await host.Http.PutAsync(new Uri("/flow/x/json", UriKind.Relative), new StringContent(flow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("regular expression", await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flow_TenThousandDefinitions_RefusedBeyondTheDocumentedMaxWithA400()
    {
        await using var host = await ServeTestHost.StartAsync();
        var flow = """{"keys":"ipsource","value":"bytes"}""";
        var accepted = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10_000 && refused is null; i++)
        {
            var response = await host.Http.PutAsync(new Uri($"/flow/f{i}/json", UriKind.Relative), new StringContent(flow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                accepted++;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using (refused)
        {
            Assert.Equal(1_000, accepted);
            Assert.NotNull(refused);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("at most 1000 (flow.maxdefinitions)", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // Replacing an existing name is still allowed; a removed one frees a place.
        using var replace = await host.Http.PutAsync(new Uri("/flow/f0/json", UriKind.Relative), new StringContent(flow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var remove = await host.Http.DeleteAsync(new Uri("/flow/f1/json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var again = await host.Http.PutAsync(new Uri("/flow/new/json", UriKind.Relative), new StringContent(flow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, replace.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(1_000, host.Engine.Flows.Names.Count);
        await AssertHealthyAsync(host);
    }

    [Fact]
    public async Task Flow_MillionN_TablesStayAtTheClampedSize()
    {
        await using var host = await ServeTestHost.StartAsync();
        using var put = await host.Http.PutAsync(
            new Uri("/flow/big/json", UriKind.Relative),
            new StringContent("""{"keys":"ipsource","value":"frames","n":1000000,"t":-5}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        // 400 distinct sources, more than a top-20 table keeps (4 × 20 + 100 = 180 keys).
        await host.SendAsync(Enumerable.Range(0, 40).Select(d => FlowDatagrams.Flows(
            "10.0.0.1", (uint)d + 1, 100, 3, [.. Enumerable.Range(0, 10).Select(k => ($"10.9.{d}.{k}", "10.2.2.2", 100u))])));
        using var query = await host.Http.GetAsync(new Uri("/activeflows/ALL/big/json?maxFlows=1000000", UriKind.Relative), TestContext.Current.CancellationToken);
        using var flows = JsonDocument.Parse(await query.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.InRange(flows.RootElement.GetArrayLength(), 1, Engine.Flows.FlowTable.CapacityFor(20));
        await AssertHealthyAsync(host);
    }

    [Theory]
    [InlineData("maxFlows=-1")]
    [InlineData("maxFlows=99999999999999999999")]
    [InlineData("minValue=NaN")]
    [InlineData("aggMode=%00%FF")]
    [InlineData("filter=%28%28%28%28%28%28%28%28%28%28")]
    public async Task ActiveFlows_HostileQuery_AnsweredAndServerHealthy(string query)
    {
        await using var host = await ServeTestHost.StartAsync();
        using var put = await host.Http.PutAsync(new Uri("/flow/f/json", UriKind.Relative), new StringContent("""{"keys":"ipsource","value":"bytes"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        using var response = await host.Http.GetAsync(new Uri($"/activeflows/ALL/f/json?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode is 200 or 400, $"{query} answered {(int)response.StatusCode}");
        await AssertHealthyAsync(host);
    }
}
