using Sluice.Scripting.Hosting;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Runtime;

/// <summary>The per-script runtime: loading, errors with file#line, limits that stop a runaway script and spare the others.</summary>
public sealed class ScriptRuntimeTests
{
    private const string Ticker = "var ticks = 0; setIntervalHandler(function(now) { ticks++; sharedSet('ticks', ticks); }, 0.1);";

    /// <summary>Small limits, so the runaway scripts below are stopped quickly.</summary>
    private static readonly ScriptLimits Tight = new()
    {
        MaxStatements = 20_000_000,
        MaxTime = TimeSpan.FromSeconds(2),
        MaxMemoryBytes = 64L * 1024 * 1024,
    };

    [Fact]
    public async Task TopLevel_ThrowsError_StopsWithFileAndLine()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/broken/scripts/main.js"] = "var a = 1;\nvar b = 2;\nthrow new Error('bad config');\n",
        });

        var status = host.Script("broken", "main.js").Status();

        Assert.False(status.Alive);
        Assert.False(status.GracefulExit);
        Assert.Equal("app/broken/scripts/main.js#3 bad config", status.Error);
        Assert.False(host.Apps.Healthy);
    }

    [Fact]
    public async Task TopLevel_SyntaxError_StopsWithFileAndLine()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/broken/scripts/main.js"] = "var a = 1;\nvar b = ;\n",
        });

        Assert.StartsWith("app/broken/scripts/main.js#2 ", host.Script("broken", "main.js").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfiniteLoop_InIntervalHandler_StoppedAndReportedWhileOtherScriptRuns()
    {
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/hog/scripts/loop.js"] = "var n = 0;\nsetIntervalHandler(function() {\n  while (true) { n++; }\n}, 0.1);\n",
                ["app/good/scripts/tick.js"] = Ticker,
            },
            limits: Tight);
        var hog = host.Script("hog", "loop.js");

        await Eventually.TrueAsync(() => !hog.Alive, "the looping script to be stopped");
        var good = host.Script("good", "tick.js");
        var ticks = TicksNow(host);
        await Eventually.TrueAsync(() => TicksNow(host) > ticks + 2, "the other script to keep ticking");

        Assert.Matches(@"^app/hog/scripts/loop\.js#3 (time|statement) limit exceeded", hog.Error);
        Assert.True(good.Alive);
        Assert.True(host.Apps.IsHealthy(host.Apps.FindApp("good")!));
        Assert.False(host.Apps.IsHealthy(host.Apps.FindApp("hog")!));
    }

    [Fact]
    public async Task InfiniteLoop_AtTopLevel_StoppedByStatementLimit()
    {
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string> { ["app/hog/scripts/top.js"] = "var i = 0;\nfor (;;) {\n  i++;\n}\n" },
            limits: Tight with { MaxStatements = 100_000, MaxTime = TimeSpan.FromMinutes(5) });

        Assert.Matches(@"^app/hog/scripts/top\.js#[23] statement limit exceeded \(100000 statements", host.Script("hog", "top.js").Error);
    }

    [Fact]
    public async Task DeepRecursion_Stopped_ReportsFunctionLine()
    {
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/deep/scripts/recurse.js"] = "function down(n) {\n  return down(n + 1) + 1;\n}\nsetIntervalHandler(function() { down(0); }, 0.1);\n",
                ["app/good/scripts/tick.js"] = Ticker,
            },
            limits: Tight);
        var deep = host.Script("deep", "recurse.js");

        await Eventually.TrueAsync(() => !deep.Alive, "the recursing script to be stopped");
        var ticks = TicksNow(host);
        await Eventually.TrueAsync(() => TicksNow(host) > ticks + 2, "the other script to keep ticking");

        Assert.Matches(@"^app/deep/scripts/recurse\.js#[12] recursion too deep", deep.Error);
    }

    [Fact]
    public async Task ArrowRecursion_WithoutStatements_StoppedByCallDepth()
    {
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string> { ["app/deep/scripts/arrow.js"] = "const r = n => r(n + 1);\nr(0);\n" },
            limits: Tight);

        Assert.Contains("recursion too deep", host.Script("deep", "arrow.js").Error, StringComparison.Ordinal);
        Assert.StartsWith("app/deep/scripts/arrow.js#", host.Script("deep", "arrow.js").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryHog_Stopped_ReportsMemoryLimit()
    {
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/hog/scripts/memory.js"] = "var keep = [];\nsetIntervalHandler(function() {\n  while (true) { keep.push('x'.repeat(1000) + keep.length); }\n}, 0.1);\n",
                ["app/good/scripts/tick.js"] = Ticker,
            },
            limits: Tight with { MaxTime = TimeSpan.FromMinutes(1), MaxStatements = long.MaxValue });
        var hog = host.Script("hog", "memory.js");

        await Eventually.TrueAsync(() => !hog.Alive, "the allocating script to be stopped");
        var ticks = TicksNow(host);
        await Eventually.TrueAsync(() => TicksNow(host) > ticks + 2, "the other script to keep ticking");

        Assert.Matches(@"^app/hog/scripts/memory\.js#3 memory limit exceeded \(more than 64 MB", hog.Error);
    }

    [Fact]
    public async Task CallbackError_Logged_ScriptKeepsRunning()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/flaky/scripts/main.js"] = "var n = 0;\nsetIntervalHandler(function() { n++; sharedSet('flaky', n); if (n % 2) throw new Error('odd'); }, 0.1);\n",
        });

        await Eventually.TrueAsync(() => Shared(host, "flaky") >= 4, "several ticks");

        Assert.True(host.Script("flaky", "main.js").Alive);
        Assert.Null(host.Script("flaky", "main.js").Error);
    }

    [Fact]
    public async Task Dispose_RunningScript_ReportsGracefulExit()
    {
        var host = await ScriptTestHost.StartAsync(new Dictionary<string, string> { ["app/a/scripts/main.js"] = Ticker });
        var script = host.Script("a", "main.js");

        await host.DisposeAsync();

        Assert.False(script.Status().Alive);
        Assert.True(script.Status().GracefulExit);
        Assert.Null(script.Status().Error);
    }

    [Fact]
    public async Task Scripts_EachOnOwnThread_OnlyTopLevelFilesRun()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/a/scripts/one.js"] = "sharedSet('one', 1);",
            ["app/a/scripts/two.js"] = "sharedSet('two', 2);",
            ["app/a/scripts/inc/helper.js"] = "sharedSet('helper', 3);",
        });

        Assert.Equal(["app/a/scripts/one.js", "app/a/scripts/two.js"], host.Apps.FindApp("a")!.Scripts);
        Assert.Equal(1, Shared(host, "one"));
        Assert.Equal(2, Shared(host, "two"));
        Assert.Equal(-1, Shared(host, "helper"));
    }

    private static int TicksNow(ScriptTestHost host) => Shared(host, "ticks");

    /// <summary>A number a script put with sharedSet (every script shares one store), or -1.</summary>
    private static int Shared(ScriptTestHost host, string key) =>
        host.Apps.Scripts.Values.First().Stores.Shared.TryGetValue(key, out var json) ? int.Parse(json, System.Globalization.CultureInfo.InvariantCulture) : -1;
}
