using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

/// <summary>The server and utility functions of sflow-rt-api.md §6.3, called from scripts.</summary>
public sealed class ScriptApiTests
{
    [Fact]
    public async Task Properties_VersionAndNames_FromHost()
    {
        await using var host = await ScriptTestHost.StartAsync(
            Handler("return [getSystemProperty('ddos_protect.group.private'), getSystemProperty('nope'), getSystemPropertyNames(), version(), analyzer().version];"),
            properties: new Dictionary<string, string> { ["ddos_protect.group.private"] = "10.0.0.0/8", ["http.port"] = "8008" });

        var response = await host.RequestAsync("t", "main.js", "json");

        Assert.Equal("""["10.0.0.0/8",null,["ddos_protect.group.private","http.port"],"test-1","test-1"]""", response.Body);
    }

    [Fact]
    public async Task Include_Scriptdir_LoadsHelperIntoSameEngine()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = "include(scriptdir() + '/inc/helper.js');\nsetHttpHandler(function() { return [double(21), scriptdir().endsWith('/app/t/scripts')]; });",
            ["app/t/scripts/inc/helper.js"] = "function double(x) x * 2\n",
        });

        Assert.Equal("[42,true]", (await host.RequestAsync("t", "main.js", "json")).Body);
    }

    [Fact]
    public async Task Include_ErrorInHelper_ReportsHelperFileAndLine()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = "include(scriptdir() + '/inc/helper.js');",
            ["app/t/scripts/inc/helper.js"] = "var ok = 1;\nnotDefined();\n",
        });

        Assert.Matches(@"/app/t/scripts/inc/helper\.js#2 notDefined is not defined$", host.Script("t", "main.js").Error);
    }

    [Fact]
    public async Task WrapGlobals_ApiUnderNamespace()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = "// author: someone\n// wrapglobals: rt\nrt.setHttpHandler(function() { return [typeof rt.logInfo, typeof logInfo]; });",
        });

        Assert.Equal("""["function","undefined"]""", (await host.RequestAsync("t", "main.js", "json")).Body);
    }

    [Fact]
    public async Task FormatNumber_DecimalFormatPattern()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("return [formatNumber(86400.4, '#,##0 seconds'), formatNumber(12.5, \"0'%' difference\")];"));

        Assert.Equal("""["86,400 seconds","12% difference"]""", (await host.RequestAsync("t", "main.js", "json")).Body);
    }

    [Fact]
    public async Task StoreSet_Persisted_ReadByNextRun()
    {
        var root = Directory.CreateTempSubdirectory("sluice-store-").FullName;
        using var cleanup = new TemporaryDirectory(root);
        var files = new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = """
                var previous = storeGet('settings');
                storeSet('settings', {runs: (previous ? previous.runs : 0) + 1, name: 'x'});
                storeSet('gone', 1); storeSet('gone', null);
                setHttpHandler(function() { return [previous, storeGet('settings'), storeGet('gone')]; });
                """,
        };
        await using (var first = await ScriptTestHost.StartAsync(files, root: root))
        {
            Assert.Equal("""[null,{"runs":1,"name":"x"},null]""", (await first.RequestAsync("t", "main.js", "json")).Body);
            Assert.True(File.Exists(Path.Combine(root, "store", "t.json")));
        }

        await using var second = await ScriptTestHost.StartAsync(files, root: root);

        Assert.Equal("""[{"runs":1,"name":"x"},{"runs":2,"name":"x"},null]""", (await second.RequestAsync("t", "main.js", "json")).Body);
    }

    [Fact]
    public async Task SharedSet_SeenByOtherScript()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/a/scripts/writer.js"] = "sharedSet('peers', {list: ['10.0.0.1']});",
            ["app/b/scripts/reader.js"] = "setHttpHandler(function() { return sharedGet('peers'); });",
        });

        Assert.Equal("""{"list":["10.0.0.1"]}""", (await host.RequestAsync("b", "reader.js", "json")).Body);
    }

    [Fact]
    public async Task Baseline_LearnsThenFlagsHighAndLow()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("""
            baselineCreate('b', 10, 2, 2);
            var seen = [];
            for (var i = 0; i < 10; i++) seen.push(baselineCheck('b', 100 + (i % 3)));
            seen.push(baselineCheck('b', 101));
            seen.push(baselineCheck('b', 500));
            seen.push(baselineCheck('b', 500));
            var stats = baselineStatistics('b');
            baselineReset('b');
            seen.push(baselineCheck('b', 1));
            return {seen: seen, n: stats.n, min: stats.min, max: stats.max, missing: baselineStatistics('none')};
            """));

        var body = (await host.RequestAsync("t", "main.js", "json")).Body;

        Assert.Equal(
            """{"seen":["learning","learning","learning","learning","learning","learning","learning","learning","learning","learning","normal","normal","high","learning"],"n":10,"min":100,"max":500,"missing":null}""",
            body);
    }

    [Theory]
    [InlineData("setThreshold('t', {metric:'bytes', value:1})", "setThreshold")]
    [InlineData("clearThreshold('t')", "clearThreshold")]
    [InlineData("thresholdTriggered('t', '10.0.0.1', '1.bytes')", "thresholdTriggered")]
    [InlineData("setEventHandler(function(e) {})", "setEventHandler")]
    [InlineData("setFlowHandler(function(r) {}, ['tcp'])", "setFlowHandler")]
    [InlineData("flowKeys()", "flowKeys")]
    [InlineData("flowValue('10.0.0.1', '1.tcp', 'k')", "flowValue")]
    [InlineData("setForwarding('f', {address:'127.0.0.1'})", "setForwarding")]
    [InlineData("setTenant('t', {collectorAddress:'127.0.0.1'})", "setTenant")]
    [InlineData("bgpAddNeighbor('127.0.0.1', 65000)", "bgpAddNeighbor")]
    public async Task UnboundFunction_Throws_NotSupportedYet(string call, string name)
    {
        await using var host = await ScriptTestHost.StartAsync(Handler($"try {{ {call}; return 'no error'; }} catch (e) {{ return e.message; }}"));

        Assert.Equal($"\"{name} is not supported yet by this Sluice build\"", (await host.RequestAsync("t", "main.js", "json")).Body);
    }

    [Fact]
    public async Task UnboundFunction_UncaughtAtTopLevel_StopsScriptWithLine()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string> { ["app/t/scripts/main.js"] = "var a = 1;\nsetThreshold('x', {metric:'m', value:1});\n" });

        Assert.Equal("app/t/scripts/main.js#2 setThreshold is not supported yet by this Sluice build", host.Script("t", "main.js").Error);
    }

    [Fact]
    public async Task SetFlow_BadSpec_ThrowsCatchableError_GoodSpecDefined()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("""
            var error = null;
            try { setFlow('bad', {keys:'ipsorce', value:'bytes'}); } catch (e) { error = e.message; }
            setFlow('good', {keys:'ipsource', value:'bytes'});
            var groups = [setGroups('g', {inside:['10.0.0.0/8'], one:'192.168.1.0/24'}), setGroups('h', {bad:['nonsense']})];
            setMap('m', {web:['80','443']});
            var before = activeFlows('ALL', 'good', 5).length;
            clearFlow('good');
            return {error: error, groups: groups, before: before};
            """));

        var body = (await host.RequestAsync("t", "main.js", "json")).Body!;

        Assert.StartsWith("""{"error":"setFlow bad: keys: unknown flow key""", body, StringComparison.Ordinal);
        Assert.Contains("ipsorce", body, StringComparison.Ordinal);
        Assert.EndsWith(""","groups":[true,false],"before":0}""", body, StringComparison.Ordinal);
        Assert.Null(host.Engine.Flows.TryGet("good"));
        Assert.Equal(["10.0.0.0/8"], host.Host.Groups["g"]["inside"]);
        Assert.Equal(["192.168.1.0/24"], host.Host.Groups["g"]["one"]);
        Assert.Equal(["80", "443"], host.Host.Groups["map:m"]["web"]);
    }

    [Fact]
    public async Task Forwarding_Bound_DefinitionsPassedAndErrorsCatchable()
    {
        var forwarding = new TestForwarding();
        await using var host = await ScriptTestHost.StartAsync(
            Handler("""
                setForwarding('copy', {address: '127.0.0.1', port: 7343, agents: ['192.0.2.1']});
                setTenant('t1', {collectorAddress: '127.0.0.1', collectorPort: 8343, filters: {cidr: ['10.0.0.0/24']}});
                setTenant('t2', {collectorAddress: '127.0.0.1'});
                var error = null;
                try { setTenant('bad', {filters: {}}); } catch (e) { error = e.message; }
                return [clearTenant('t2'), clearTenant('t2'), error];
                """),
            s => s with { Forwarding = forwarding });

        var body = (await host.RequestAsync("t", "main.js", "json")).Body;

        Assert.Equal("""[true,false,"setTenant bad: collectorAddress: required"]""", body);
        Assert.Equal("""{"address":"127.0.0.1","port":7343,"agents":["192.0.2.1"]}""", forwarding.Defined["forwarding:copy"]);
        Assert.Equal(["forwarding:copy", "tenant:t1"], forwarding.Defined.Keys.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Handler(string body) =>
        new() { ["app/t/scripts/main.js"] = "setHttpHandler(function(req) {\n" + body + "\n});\n" };
}
