using System.Text.Json.Nodes;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>
/// Runaway scripts in <c>sluice serve</c>: stopped, reported in <c>/scripts/json</c> with file and line, while sFlow
/// ingest, the REST API and the other apps carry on.
/// </summary>
public sealed class ContainmentTests
{
    private const string Ticker = """
        var ticks = 0;
        setIntervalHandler(function() { ticks++; }, 0.1);
        setHttpHandler(function() { return ticks; });
        """;

    [Theory]
    [InlineData("loop", "var n = 0;\nsetIntervalHandler(function() {\n  while (true) { n++; }\n}, 0.2);\n", "2", "#3 time limit exceeded (2 s in one callback)")]
    [InlineData("recurse", "function down(n) {\n  return down(n + 1) + 1;\n}\nsetIntervalHandler(function() { down(0); }, 0.2);\n", "2", "recursion too deep")]
    [InlineData("hog", "var keep = [];\nsetIntervalHandler(function() {\n  while (true) { keep.push('x'.repeat(1000) + keep.length); }\n}, 0.2);\n", "120", "#3 memory limit exceeded (more than 64 MB held by one callback)")]
    public async Task RunawayScript_StoppedAndReported_IngestAndOtherAppsUnaffected(string name, string source, string seconds, string error)
    {
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            [$"app/bad/scripts/{name}.js"] = source,
            ["app/good/scripts/tick.js"] = Ticker,
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties(("script:limit:seconds", seconds), ("script:limit:megabytes", "64")));
        var ct = TestContext.Current.CancellationToken;

        // While the bad script runs, datagrams are decoded and the REST API answers.
        await host.SendAsync(Enumerable.Range(1, 50).Select(i => FlowDatagrams.Flows("192.0.2.9", (uint)i, 10, 1, ("10.1.0.1", "10.1.0.2", 100))));
        var agents = JsonNode.Parse(await host.Http.GetStringAsync("/agents/json", ct))!;
        var status = await WaitStoppedAsync(host, $"app/bad/scripts/{name}.js");
        var before = int.Parse(await host.Http.GetStringAsync("/app/good/scripts/tick.js/ticks/json", ct), System.Globalization.CultureInfo.InvariantCulture);
        await host.SendAsync(Enumerable.Range(51, 50).Select(i => FlowDatagrams.Flows("192.0.2.9", (uint)i, 10, 1, ("10.1.0.1", "10.1.0.2", 100))));
        var after = await TicksAfterAsync(host, before);

        Assert.Equal(50, agents["192.0.2.9"]!["sFlowDatagramsReceived"]!.GetValue<long>());
        Assert.False(status["alive"]!.GetValue<bool>());
        Assert.StartsWith($"app/bad/scripts/{name}.js#", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(error, status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(after > before, $"the other app's ticks went from {before} to {after}");
        Assert.Equal(100, host.Engine.ShardStatistics.Sum(s => s.Decoded));
        using var badStatus = await host.Http.GetAsync("/app/bad/status", ct);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, badStatus.StatusCode);
        Assert.Equal("OK", await host.Http.GetStringAsync("/app/good/status", ct));
    }

    /// <summary>The good app's tick count once it has moved past <paramref name="before"/> (bounded wait).</summary>
    private static async Task<int> TicksAfterAsync(ServeTestHost host, int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ticks = int.Parse(await host.Http.GetStringAsync("/app/good/scripts/tick.js/ticks/json", TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (ticks > before || DateTime.UtcNow > deadline)
            {
                return ticks;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<JsonNode> WaitStoppedAsync(ServeTestHost host, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = JsonNode.Parse(await host.Http.GetStringAsync("/scripts/json", TestContext.Current.CancellationToken))![key]!;
            if (!status["alive"]!.GetValue<bool>())
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{key} was not stopped");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
