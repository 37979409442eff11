using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

/// <summary>http(), httpAsync(), syslog() and dnsGetAllByName() against loopback peers.</summary>
public sealed class NetworkFunctionsTests
{
    [Fact]
    public async Task Http_Methods_ContentTypeBodyAndBasicAuth()
    {
        using var server = new TestHttpServer();
        await using var host = await ScriptTestHost.StartAsync(Handler($$"""
            var u = '{{server.Url}}';
            return [
              http(u + 'get'),
              http(u + 'post', 'post', 'application/json', JSON.stringify({a: 1})),
              http(u + 'put', 'PUT', 'text/plain', 'hello', 'user', 'secret'),
              http(u + 'delete', 'delete')
            ];
            """));

        var response = await host.RequestAsync("t", "main.js", "json");
        var requests = server.Requests.ToArray();

        Assert.Equal("""["{\"response\":\"ok\"}","{\"response\":\"ok\"}","{\"response\":\"ok\"}","{\"response\":\"ok\"}"]""", response.Body);
        Assert.Equal(["GET /get", "POST /post", "PUT /put", "DELETE /delete"], requests.Select(r => r.Method + " " + r.Path));
        Assert.Equal(("application/json", """{"a":1}"""), (requests[1].ContentType, requests[1].Body));
        Assert.Equal(("text/plain", "hello"), (requests[2].ContentType, requests[2].Body));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:secret")), requests[2].Authorization);
        Assert.Null(requests[0].Authorization);
    }

    [Fact]
    public async Task Http_Https_PostWithBasicAuth()
    {
        using var server = new TestHttpsServer();
        await using var host = await ScriptTestHost.StartAsync(
            Handler($"return http('{server.Url}inputs/token/tag/http/', 'post', 'application/json', JSON.stringify({{event: 'x'}}), 'api', 'key');"),
            s => s with { Http = server.Client });

        var response = await host.RequestAsync("t", "main.js", "json");
        var request = Assert.Single(server.Requests);

        Assert.Equal("\"secure ok\"", response.Body);
        Assert.StartsWith("POST /inputs/token/tag/http/ HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("api:key")) + "\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"event\":\"x\"}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_HttpsUntrustedCertificate_ThrowsCatchable()
    {
        using var server = new TestHttpsServer();
        await using var host = await ScriptTestHost.StartAsync(Handler($"try {{ http('{server.Url}'); return 'trusted'; }} catch (e) {{ return e.message; }}"));

        var body = (await host.RequestAsync("t", "main.js", "json")).Body;

        Assert.StartsWith($"\"http: GET {server.Url}: ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ErrorStatusOrNoServer_ThrowsCatchable()
    {
        using var server = new TestHttpServer();
        await using var host = await ScriptTestHost.StartAsync(Handler($$"""
            var errors = [];
            try { http('{{server.Url}}status/404'); } catch (e) { errors.push(e.message); }
            try { http('http://127.0.0.1:1/'); } catch (e) { errors.push('refused'); }
            try { http('ftp://127.0.0.1/'); } catch (e) { errors.push(e.message); }
            return errors;
            """));

        var body = (await host.RequestAsync("t", "main.js", "json")).Body;

        Assert.Equal("[\"http: GET " + server.Url + "status/404 answered 404\",\"refused\",\"http: 'ftp://127.0.0.1/' is not an http or https URL\"]", body);
    }

    [Fact]
    public async Task HttpAsync_SuccessAndError_CallbacksOnScriptThread()
    {
        using var server = new TestHttpServer();
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/t/scripts/main.js"] = $$$"""
                var results = [];
                httpAsync({url: '{{{server.Url}}}ok', operation: 'post', headers: {'Content-Type': 'application/json', 'X-Test': 'yes'}, body: {k: 'v'},
                  success: function(res) { results.push(['success', res.status, res.body]); sharedSet('n', results.length); },
                  error: function(res) { results.push(['error', res.status]); sharedSet('n', results.length); }});
                httpAsync({url: '{{{server.Url}}}status/500', operation: 'get',
                  success: function(res) { results.push(['success', res.status]); sharedSet('n', results.length); },
                  error: function(res) { results.push(['error', res.status, res.body]); sharedSet('n', results.length); }});
                setHttpHandler(function() { return results.sort(); });
                """,
        });

        await Eventually.TrueAsync(() => host.Script("t", "main.js").Stores.Shared.TryGetValue("n", out var n) && n == "2", "both callbacks");
        var body = (await host.RequestAsync("t", "main.js", "json")).Body;

        Assert.Equal("""[["error",500,"{\"response\":\"ok\"}"],["success",200,"{\"response\":\"ok\"}"]]""", body);
        var post = server.Requests.Single(r => r.Path == "/ok");
        Assert.Equal(("POST", "application/json", """{"k":"v"}"""), (post.Method, post.ContentType, post.Body));
    }

    [Fact]
    public async Task DnsGetAllByName_Localhost_LoopbackAddress()
    {
        await using var host = await ScriptTestHost.StartAsync(Handler("""
            var failed = false;
            try { dnsGetAllByName('no-such-host.invalid'); } catch (e) { failed = true; }
            return [dnsGetAllByName('localhost'), failed];
            """));

        var body = (await host.RequestAsync("t", "main.js", "json")).Body!;

        Assert.Matches("""^\[\[.*"(127\.0\.0\.1|::1)".*\],true\]$""", body);
    }

    [Fact]
    public async Task Syslog_ObjectMessage_Rfc5424DatagramOnLoopback()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/ddos/scripts/main.js"] = $"syslog('127.0.0.1', {port}, 16, 5, {{attack: 'udp_flood', target: '192.0.2.7', bps: 1.5e9}});",
        });

        var datagram = await receiver.ReceiveAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(datagram.Buffer);

        Assert.Matches(
            """^<133>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ sluice \d+ ddos \[sflow@32473 attack="udp_flood" target="192\.0\.2\.7" bps="1500000000"\] \{"attack":"udp_flood","target":"192\.0\.2\.7","bps":1500000000\}$""",
            text);
        Assert.True(host.Script("ddos", "main.js").Alive);
    }

    private static Dictionary<string, string> Handler(string body) =>
        new() { ["app/t/scripts/main.js"] = "setHttpHandler(function(req) {\n" + body + "\n});\n" };
}
