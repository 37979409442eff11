using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>The app endpoints of sflow-rt-api.md §1.10 in <c>sluice serve</c>.</summary>
public sealed class AppEndpointsTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["app/demo/html/index.html"] = "<html>demo</html>",
        ["app/demo/html/css/site.css"] = "body {}",
        ["app/demo/scripts/api.js"] = """
            setHttpHandler(function(req) {
              if (req.path[0] === 'missing') throw 'not_found';
              if (req.format === 'txt') return 'text for ' + req.path.join('/') + '\n';
              if (req.method === 'PUT') { storeSet('last', req.body); return; }
              return {path: req.path, query: req.query, last: storeGet('last')};
            });
            """,
        ["app/demo/scripts/inc/lib.js"] = "var lib = 1;",
        ["app/broken/scripts/bad.js"] = "var a = 1;\nnoSuchFunction();\n",
        ["app/plain/scripts/quiet.js"] = "var quiet = true;",
    };

    [Fact]
    public async Task AppsAndScripts_ListedWithHealth()
    {
        using var folder = new AppFolder(Files);
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        await host.Services.GetAppHost().LoadedAsync();

        var apps = JsonNode.Parse(await host.Http.GetStringAsync("/apps/json", TestContext.Current.CancellationToken))!;
        var scripts = JsonNode.Parse(await host.Http.GetStringAsync("/scripts/json", TestContext.Current.CancellationToken))!;

        Assert.Equal("""{"broken":{"scripts":["app/broken/scripts/bad.js"]},"demo":{"entry":"/html/","scripts":["app/demo/scripts/api.js"]},"plain":{"scripts":["app/plain/scripts/quiet.js"]}}""", apps.ToJsonString());
        Assert.Equal(["app/broken/scripts/bad.js", "app/demo/scripts/api.js", "app/plain/scripts/quiet.js"], scripts.AsObject().Select(p => p.Key));
        var bad = scripts["app/broken/scripts/bad.js"]!;
        Assert.False(bad["alive"]!.GetValue<bool>());
        Assert.False(bad["gracefulExit"]!.GetValue<bool>());
        Assert.Equal("app/broken/scripts/bad.js#2 noSuchFunction is not defined", bad["error"]!.GetValue<string>());
        var good = scripts["app/demo/scripts/api.js"]!;
        Assert.True(good["alive"]!.GetValue<bool>());
        Assert.Null(good["error"]);
        Assert.Equal(
            ["flowsReceived", "flowsLost", "eventsReceived", "eventsLost", "requestsReceived", "requestsLost", "cpuMs", "alive", "gracefulExit"],
            good.AsObject().Select(p => p.Key));
        Assert.Equal((HttpStatusCode.OK, "OK"), await StatusAsync(host, "/app/demo/status"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "UNAVAILABLE"), await StatusAsync(host, "/app/broken/status"));
        Assert.Equal(HttpStatusCode.NotFound, (await StatusAsync(host, "/app/nothing/status")).Item1);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "UNAVAILABLE"), await StatusAsync(host, "/status"));
    }

    [Fact]
    public async Task Status_AllScriptsHealthy_Ok()
    {
        using var folder = new AppFolder(new Dictionary<string, string> { ["app/plain/scripts/quiet.js"] = "var quiet = true;" });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        await host.Services.GetAppHost().LoadedAsync();

        Assert.Equal((HttpStatusCode.OK, "OK"), await StatusAsync(host, "/status"));
    }

    [Fact]
    public async Task Html_StaticFilesServed()
    {
        using var folder = new AppFolder(Files);
        await using var host = await ServeTestHost.StartAsync(folder.Properties());

        var index = await host.Http.GetStringAsync("/app/demo/html/", TestContext.Current.CancellationToken);
        using var css = await host.Http.GetAsync("/app/demo/html/css/site.css", TestContext.Current.CancellationToken);
        using var missing = await host.Http.GetAsync("/app/demo/html/nothing.js", TestContext.Current.CancellationToken);
        using var noHtml = await host.Http.GetAsync("/app/plain/html/", TestContext.Current.CancellationToken);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        using var noSlash = await noRedirects.GetAsync("/app/demo/html", TestContext.Current.CancellationToken);

        Assert.Equal("<html>demo</html>", index);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Equal("body {}", await css.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noHtml.StatusCode);
        Assert.Equal("/app/demo/html/", noSlash.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ScriptHandler_JsonTextPutAndThrow()
    {
        using var folder = new AppFolder(Files);
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        var ct = TestContext.Current.CancellationToken;

        using var put = await host.Http.PutAsync("/app/demo/scripts/api.js/settings/json", new StringContent("""{"mode":"auto"}""", Encoding.UTF8, "application/json"), ct);
        var json = await host.Http.GetStringAsync("/app/demo/scripts/api.js/flows/ALL/json?key=a&key=b", ct);
        using var text = await host.Http.GetAsync("/app/demo/scripts/api.js/one/two/txt", ct);
        using var missing = await host.Http.GetAsync("/app/demo/scripts/api.js/missing/json", ct);
        using var noScript = await host.Http.GetAsync("/app/demo/scripts/none.js/x/json", ct);
        using var included = await host.Http.GetAsync("/app/demo/scripts/lib.js/x/json", ct);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("""{"path":["flows","ALL"],"query":{"key":["a","b"]},"last":{"mode":"auto"}}""", json);
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text for one/two\n", await text.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noScript.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, included.StatusCode);
        var status = JsonNode.Parse(await host.Http.GetStringAsync("/scripts/json", ct))!["app/demo/scripts/api.js"]!;
        Assert.Equal(4, status["requestsReceived"]!.GetValue<long>());
    }

    [Fact]
    public async Task InstalledPrometheusApp_TakesExportUrl()
    {
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/prometheus/scripts/export.js"] = "setHttpHandler(function(req) { return 'app answered ' + req.path.join('/') + ' ' + req.query.metric[0] + '\\n'; });",
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());

        var text = await host.Http.GetStringAsync("/app/prometheus/scripts/export.js/flows/ALL/txt?metric=m&key=ipsource&value=bytes", TestContext.Current.CancellationToken);

        Assert.Equal("app answered flows/ALL m\n", text);
    }

    [Fact]
    public async Task NoPrometheusApp_NativeExportAnswers()
    {
        using var folder = new AppFolder(new Dictionary<string, string> { ["app/plain/scripts/quiet.js"] = "var quiet = true;" });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());

        using var missingMetric = await host.Http.GetAsync("/app/prometheus/scripts/export.js/flows/ALL/txt?key=ipsource&value=bytes", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, missingMetric.StatusCode);
        Assert.StartsWith("\"bad_request", await missingMetric.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetGroupsAndMap_FromScript_VisibleOverRest()
    {
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/g/scripts/groups.js"] = "setGroups('site', {external:['0.0.0.0/0'], private:['10.0.0.0/8']});\nsetMap('ports', {web:['80','443']});\n",
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        await host.Services.GetAppHost().LoadedAsync();

        var group = await host.Http.GetStringAsync("/group/site/json", TestContext.Current.CancellationToken);
        var map = await host.Http.GetStringAsync("/map/ports/json", TestContext.Current.CancellationToken);

        Assert.Equal("""{"external":["0.0.0.0/0"],"private":["10.0.0.0/8"]}""", group);
        Assert.Equal("""{"web":["80","443"]}""", map);
    }

    [Fact]
    public async Task AppProperties_FromCommandLineAndPropertyFile_SeenByScripts()
    {
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["sflow-rt.conf"] = "# app settings\nddos_protect.group.private=10.0.0.0/8\nddos_protect.syslog.port=1514\n",
            ["app/p/scripts/props.js"] = """
                setHttpHandler(function() {
                  return [getSystemProperty('ddos_protect.group.private'), getSystemProperty('ddos_protect.syslog.port'),
                          getSystemProperty('flow-trend.maxFlows'), getSystemProperty('not.set'),
                          getSystemPropertyNames().filter(function(n) { return n.indexOf('ddos_protect.') === 0 || n.indexOf('flow-trend.') === 0; })];
                });
                """,
        });
        var (properties, _) = Sluice.Configuration.SflowRtProperties.Parse(["-Dflow-trend.maxFlows=20", $"-Dsystem.propertyFiles={folder.PathOf("sflow-rt.conf")}"]);
        await using var host = await ServeTestHost.StartAsync([.. folder.Properties(), .. properties.Select(p => (p.Key, p.Value!))]);

        var body = await host.Http.GetStringAsync("/app/p/scripts/props.js/json", TestContext.Current.CancellationToken);

        Assert.Equal("""["10.0.0.0/8","1514","20",null,["ddos_protect.group.private","ddos_protect.syslog.port","flow-trend.maxFlows"]]""", body);
    }

    [Fact]
    public async Task MetricFunctions_SameAnswersAsRest()
    {
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/m/scripts/metrics.js"] = """
                setHttpHandler(function(req) {
                  switch (req.path[0]) {
                    case 'metric': return metric('ALL', 'ifinoctets,sum:ifinoctets,avg:ifinoctets,max:load_one,any:host_name', {ifname: ['swp*']});
                    case 'metric2': return metric(['192.0.2.1', '192.0.2.2'], ['max:load_one']);
                    case 'table': return table('ALL', 'sort:ifinoctets:-1,ifname');
                    case 'dump': return dump('ALL', 'ifname;ifspeed');
                    case 'agents': return Object.keys(agents()).sort();
                    case 'info': return [ifName('192.0.2.1', 3), ifName('192.0.2.1', 99), datasourceInfo('192.0.2.1', '3').counterSamples];
                  }
                });
                """,
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties(("sflow:file", CounterCapture.Write()), ("sflow:file:speed", "0")));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Engine.ShardStatistics.Sum(s => s.Decoded) < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "replay did not finish");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(await RestAsync(host, "/metric/ALL/ifinoctets,sum:ifinoctets,avg:ifinoctets,max:load_one,any:host_name/json?ifname=swp*"), await RestAsync(host, "/app/m/scripts/metrics.js/metric/json"));
        Assert.Equal(await RestAsync(host, "/metric/192.0.2.1;192.0.2.2/max:load_one/json"), await RestAsync(host, "/app/m/scripts/metrics.js/metric2/json"));
        Assert.Equal(await RestAsync(host, "/table/ALL/sort:ifinoctets:-1,ifname/json"), await RestAsync(host, "/app/m/scripts/metrics.js/table/json"));
        Assert.Equal(await RestAsync(host, "/dump/ALL/ifname,ifspeed/json"), await RestAsync(host, "/app/m/scripts/metrics.js/dump/json"));
        Assert.Equal("""["192.0.2.1","192.0.2.2"]""", await host.Http.GetStringAsync("/app/m/scripts/metrics.js/agents/json", TestContext.Current.CancellationToken));
        Assert.Equal("""["swp3",null,2]""", await host.Http.GetStringAsync("/app/m/scripts/metrics.js/info/json", TestContext.Current.CancellationToken));
    }

    /// <summary>A JSON answer with the <c>lastUpdate*</c> ages removed (they tick between two requests).</summary>
    private static async Task<string> RestAsync(ServeTestHost host, string path)
    {
        var node = JsonNode.Parse(await host.Http.GetStringAsync(path, TestContext.Current.CancellationToken))!;
        Strip(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith("lastUpdate", StringComparison.Ordinal)).ToArray())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o)
                {
                    Strip(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strip(child);
                }

                break;
        }
    }

    private static async Task<(HttpStatusCode, string)> StatusAsync(ServeTestHost host, string path)
    {
        using var response = await host.Http.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
