using System.Diagnostics;
using System.Globalization;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>A script's HTTP handler through Kestrel, timed for the record (printed, not asserted: the machine is shared).</summary>
public sealed class AppLatencyTests
{
    [Fact]
    public async Task ScriptHandler_OverHttp_LatencyMeasured()
    {
        const int requests = 2_000;
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/a/scripts/api.js"] = "setHttpHandler(function(req) { return {path: req.path, n: req.query.n[0]}; });",
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        var times = new double[requests];

        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var body = await host.Http.GetStringAsync("/app/a/scripts/api.js/x/y/json?n=1", TestContext.Current.CancellationToken);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            Assert.Equal("""{"path":["x","y"],"n":"1"}""", body);
        }

        Array.Sort(times);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"http handler over HTTP: n={requests} p50={times[requests / 2]:F0}µs p99={times[(int)(requests * 0.99)]:F0}µs max={times[^1]:F0}µs"));
    }
}
