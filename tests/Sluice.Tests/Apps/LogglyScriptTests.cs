using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>
/// The seed's Loggly article: <c>loggly.js</c>, unmodified but for its URL, run with <c>-Dscript.file=</c>. ICMP
/// unreachable traffic must reach the HTTP receiver as the article's JSON events, through the engine's flow log
/// (<c>log:true, flowStart:true</c>) and <c>setFlowHandler</c>.
/// </summary>
public sealed class LogglyScriptTests
{
    private const string Scanner = "10.0.0.30";
    private const string ScannerMac = "020000000030";

    [Fact]
    public async Task LogglyJs_PortUnreachableTraffic_PostsArticleEvents()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        using var folder = new AppFolder(new Dictionary<string, string> { ["loggly.js"] = LogglyScript(receiver.Url) });
        await using var host = await ServeTestHost.StartAsync(folder.Properties(("script:file", folder.PathOf("loggly.js"))));
        await host.Services.GetAppHost().LoadedAsync();

        await host.SendAsync(
        [
            IcmpDatagrams.Datagram("192.0.2.1", 1, 100, 5,
                new("020000000050", "10.0.0.50", ScannerMac, Scanner, 3, 161),
                new("020000000051", "10.0.0.51", ScannerMac, Scanner, 3, 23)),
            IcmpDatagrams.Datagram("192.0.2.1", 2, 100, 5, new IcmpDatagrams.Unreachable("020000000052", "10.0.0.52", ScannerMac, Scanner, 1, 0)),
        ]);
        var events = await ReceivedAsync(receiver, 3);

        Assert.All(events, e => Assert.Equal(("POST", "/inputs/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/tag/http/", "application/json"), (e.Method, e.Path, e.ContentType)));
        var bodies = events.Select(e => JsonNode.Parse(e.Body)!.ToJsonString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
        [
            """{"flow_type":"icmpunreachablehost","src_mac":"020000000052","src_ip":"10.0.0.52","dst_mac":"020000000030","dst_ip":"10.0.0.30","unreachable":"10.0.0.52"}""",
            """{"flow_type":"icmpunreachableport","src_mac":"020000000050","src_ip":"10.0.0.50","dst_mac":"020000000030","dst_ip":"10.0.0.30","unreachable":"161"}""",
            """{"flow_type":"icmpunreachableport","src_mac":"020000000051","src_ip":"10.0.0.51","dst_mac":"020000000030","dst_ip":"10.0.0.30","unreachable":"23"}""",
        ], bodies);
        var status = JsonNode.Parse(await host.Http.GetStringAsync("/scripts/json", TestContext.Current.CancellationToken))![folder.PathOf("loggly.js")]!;
        Assert.True(status["alive"]!.GetValue<bool>());
        Assert.Equal(3, status["flowsReceived"]!.GetValue<long>());
    }

    /// <summary>The seed's script with only the host of its Loggly URL replaced by <paramref name="baseUrl"/>.</summary>
    private static string LogglyScript(string baseUrl)
    {
        var script = File.ReadAllText(Path.Combine(SharedTestData.RepositoryRoot, "tests", "testdata", "apps", "loggly.js"));
        Assert.Contains("'https://logs-01.loggly.com/inputs/'+token+'/tag/http/'", script, StringComparison.Ordinal);
        return script.Replace("https://logs-01.loggly.com/", baseUrl.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    private static async Task<(string Method, string Path, string? ContentType, string Body)[]> ReceivedAsync(HttpReceiver receiver, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"received {receiver.Received.Count} of {count} events");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken); // any duplicate would arrive meanwhile
        return [.. receiver.Received];
    }
}
