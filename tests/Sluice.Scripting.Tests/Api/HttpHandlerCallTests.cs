using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

/// <summary>setHttpHandler's request object and the throw-to-status rules (sflow-rt-api.md §6.2).</summary>
public sealed class HttpHandlerCallTests
{
    private const string Echo = """
        setHttpHandler(function(req) {
          if (req.path[0] === 'missing') throw 'not_found';
          if (req.path[0] === 'bad') throw 'bad_request';
          if (req.path[0] === 'odd') throw 'bad_value';
          if (req.path[0] === 'forbid') throw 'forbidden';
          if (req.path[0] === 'oops') throw 'internal_server_error';
          if (req.path[0] === 'bug') return undefinedVariable.field;
          if (req.path[0] === 'nothing') return;
          if (req.path[0] === 'text') return 'line one\nline two\n';
          if (req.path[0] === 'str') return 'quoted';
          return { method: req.method, path: req.path, format: req.format, query: req.query, body: req.body, error: req.error || null };
        });
        """;

    [Fact]
    public async Task Request_PathFormatMethodQuery_AsSflowRt()
    {
        await using var host = await StartAsync();

        var response = await host.RequestAsync("web", "api.js", "flows/ALL/json", "GET", query: new() { ["key"] = ["ipsource", "ipdestination"], ["n"] = ["5"] });

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("""{"method":"GET","path":["flows","ALL"],"format":"json","query":{"key":["ipsource","ipdestination"],"n":["5"]},"error":null}""", response.Body);
    }

    [Fact]
    public async Task Request_JsonBody_Parsed()
    {
        await using var host = await StartAsync();

        var put = await host.RequestAsync("web", "api.js", "settings/json", "PUT", """{"a":[1,2],"b":"x"}""");
        var bare = await host.RequestAsync("web", "api.js", "mode/json", "POST", "\"automatic\"");

        Assert.Contains("\"body\":{\"a\":[1,2],\"b\":\"x\"},\"error\":null", put.Body, StringComparison.Ordinal);
        Assert.Contains("\"body\":\"automatic\",\"error\":null", bare.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_BodyNotJson_ErrorSetAndTextKept()
    {
        await using var host = await StartAsync();

        var response = await host.RequestAsync("web", "api.js", "x/json", "POST", "not json{");

        Assert.Contains("\"body\":\"not json{\",\"error\":\"", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing/json", 404, "not_found")]
    [InlineData("bad/json", 400, "bad_request")]
    [InlineData("odd/json", 400, "bad_value")]
    [InlineData("forbid/json", 403, "forbidden")]
    [InlineData("oops/json", 500, "internal_server_error")]
    public async Task Handler_ThrowsString_MapsToStatus(string path, int status, string body)
    {
        await using var host = await StartAsync();

        var response = await host.RequestAsync("web", "api.js", path);

        Assert.Equal(status, response.Status);
        Assert.Equal(body, response.Body);
    }

    [Fact]
    public async Task Handler_ScriptBug_Is500AndScriptStaysAlive()
    {
        await using var host = await StartAsync();

        var response = await host.RequestAsync("web", "api.js", "bug/json");

        Assert.Equal(500, response.Status);
        Assert.Contains("undefinedVariable", response.Body, StringComparison.Ordinal);
        Assert.True(host.Script("web", "api.js").Alive);
    }

    [Fact]
    public async Task Handler_Results_NoContentTextAndJsonString()
    {
        await using var host = await StartAsync();

        var nothing = await host.RequestAsync("web", "api.js", "nothing/json");
        var text = await host.RequestAsync("web", "api.js", "text/txt");
        var json = await host.RequestAsync("web", "api.js", "str/json");

        Assert.Equal((204, null), (nothing.Status, nothing.Body));
        Assert.Equal((200, "text/plain", "line one\nline two\n"), (text.Status, text.ContentType, text.Body));
        Assert.Equal((200, "application/json", "\"quoted\""), (json.Status, json.ContentType, json.Body));
    }

    [Fact]
    public async Task Request_ScriptWithoutHandler_Is404AndCounted()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string> { ["app/web/scripts/quiet.js"] = "var x = 1;" });

        var response = await host.RequestAsync("web", "quiet.js", "anything/json");

        Assert.Equal(404, response.Status);
        Assert.Equal(1, host.Script("web", "quiet.js").Status().RequestsReceived);
    }

    private static Task<ScriptTestHost> StartAsync() =>
        ScriptTestHost.StartAsync(new Dictionary<string, string> { ["app/web/scripts/api.js"] = Echo });
}
