using System.Diagnostics;
using System.Globalization;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Runtime;

/// <summary>
/// What a callback costs, for the record (printed, not asserted: the machine is shared): an HTTP handler call through the
/// script's queue, and how regularly interval ticks arrive.
/// </summary>
public sealed class LatencyTests
{
    [Fact]
    public async Task HttpHandler_Latency_Measured()
    {
        const int requests = 2_000;
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/a/scripts/main.js"] = "setHttpHandler(function(req) { return {path: req.path, n: req.query.n[0]}; });",
        });
        var query = new Dictionary<string, IReadOnlyList<string>> { ["n"] = ["1"] };
        var times = new double[requests];

        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await host.RequestAsync("a", "main.js", "x/y/json", query: query);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            Assert.Equal(200, response.Status);
        }

        Report("http handler (direct dispatch)", times, "µs");
    }

    [Fact]
    public async Task IntervalHandler_Regularity_Measured()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/a/scripts/main.js"] = "var times = []; setIntervalHandler(function(now) { times.push(Date.now()); sharedSet('n', times.length); }, 0.1);\nsetHttpHandler(function() { return times; });",
        });
        var shared = host.Script("a", "main.js").Stores.Shared;

        await Eventually.TrueAsync(() => shared.TryGetValue("n", out var n) && int.Parse(n, CultureInfo.InvariantCulture) >= 51, "51 ticks");
        var ticks = System.Text.Json.JsonSerializer.Deserialize<long[]>((await host.RequestAsync("a", "main.js", "json")).Body!)!;

        var gaps = ticks.Skip(1).Zip(ticks, (later, earlier) => (double)(later - earlier)).Take(50).ToArray();
        Report("interval handler gap (0.1 s period)", gaps, "ms");
        Assert.All(gaps, g => Assert.True(g >= 0));
    }

    private static void Report(string what, double[] values, string unit)
    {
        Array.Sort(values);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: n={values.Length} p50={values[values.Length / 2]:F1}{unit} p99={values[(int)(values.Length * 0.99)]:F1}{unit} max={values[^1]:F1}{unit}"));
    }
}
