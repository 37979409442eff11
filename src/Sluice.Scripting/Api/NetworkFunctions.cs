using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// Talking to other systems (sflow-rt-api.md §6.3): <c>http</c> (blocking, throws on failure), <c>httpAsync</c>
/// (callbacks queued back to the script), <c>syslog</c> (RFC 5424 over UDP) and <c>dnsGetAllByName</c>. Time blocked
/// here does not count against the callback's time limit.
/// </summary>
internal static class NetworkFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        api.Add("http", a => Http(script, a));
        api.Add("httpAsync", a => HttpAsync(script, a));
        api.Add("syslog", a => Syslog(script, a));
        api.Add("dnsGetAllByName", a =>
        {
            var name = Args.Text(engine, a, 0, "dnsGetAllByName");
            try
            {
                var addresses = script.Blocking(() => Dns.GetHostAddresses(name));
                return new JsArray(engine, [.. addresses.Select(address => (JsValue)address.ToString())]);
            }
            catch (SocketException e)
            {
                throw Args.Fail(engine, $"dnsGetAllByName: {name}: {e.Message}");
            }
        });
    }

    /// <summary><c>http(url, method?, contentType?, body?, user?, password?)</c> → the response body.</summary>
    private static JsValue Http(ScriptRuntime script, JsValue[] a)
    {
        var engine = script.Engine;
        using var request = Request(engine, Args.Text(engine, a, 0, "http"), Args.OptionalText(a, 1), Args.OptionalText(a, 3), Args.OptionalText(a, 2));
        if (Args.OptionalText(a, 4) is { } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + (Args.OptionalText(a, 5) ?? string.Empty))));
        }

        try
        {
            var (status, body) = script.Blocking(() =>
            {
                using var response = script.Services.Http.Send(request);
                using var reader = new StreamReader(response.Content.ReadAsStream());
                return ((int)response.StatusCode, reader.ReadToEnd());
            });
            return status is >= 200 and < 300 ? body : throw Args.Fail(engine, $"http: {request.Method} {request.RequestUri} answered {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw Args.Fail(engine, $"http: {request.Method} {request.RequestUri}: {e.Message}");
        }
    }

    /// <summary><c>httpAsync({url, operation, headers, body, success(res), error(res)})</c>; <c>res</c> is <c>{status, url, body}</c>.</summary>
    private static void HttpAsync(ScriptRuntime script, JsValue[] a)
    {
        var engine = script.Engine;
        if (Args.At(a, 0) is not ObjectInstance options)
        {
            throw Args.Fail(engine, "httpAsync: an options object is expected");
        }

        string? Text(string name) => options.Get(name) is var v && !v.IsUndefined() && !v.IsNull() ? Args.ToText(v) : null;
        var url = Text("url") ?? throw Args.Fail(engine, "httpAsync: url is required");
        var headers = new List<(string Name, string Value)>();
        if (options.Get("headers") is ObjectInstance given)
        {
            foreach (var key in given.GetOwnPropertyKeys())
            {
                headers.Add((key.ToString(), Args.ToText(given.Get(key))));
            }
        }

        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var body = options.Get("body") is var b && !b.IsUndefined() && !b.IsNull() ? (b.IsString() ? b.AsString() : JsonBridge.Stringify(engine, b)) : null;
        var request = Request(engine, url, Text("operation"), body, contentType);
        foreach (var (name, value) in headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var success = options.Get("success");
        var error = options.Get("error");
        _ = Task.Run(async () =>
        {
            int status;
            string? text;
            string? failure = null;
            try
            {
                using var response = await script.Services.Http.SendAsync(request).ConfigureAwait(false);
                status = (int)response.StatusCode;
                text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                (status, text, failure) = (0, null, e.Message);
            }
            finally
            {
                request.Dispose();
            }

            var callback = status is >= 200 and < 300 ? success : error;
            if (callback.IsCallable())
            {
                script.PostCall(callback, () =>
                {
                    var res = new JsObject(script.Engine);
                    res.FastSetDataProperty("status", status);
                    res.FastSetDataProperty("url", url);
                    res.FastSetDataProperty("body", text is null ? JsValue.Null : text);
                    if (failure is not null)
                    {
                        res.FastSetDataProperty("error", failure);
                    }

                    return [res];
                });
            }
        });
    }

    /// <summary><c>syslog(host, port, facility, severity, message)</c>; throws when the message cannot be sent.</summary>
    private static void Syslog(ScriptRuntime script, JsValue[] a)
    {
        var engine = script.Engine;
        var host = Args.Text(engine, a, 0, "syslog");
        var port = (int)Args.Number(a, 1, 514);
        int facility, severity;
        try
        {
            facility = SyslogMessage.Code(Args.Text(engine, a, 2, "syslog"), facility: true);
            severity = SyslogMessage.Code(Args.Text(engine, a, 3, "syslog"), facility: false);
        }
        catch (FormatException e)
        {
            throw Args.Fail(engine, e.Message);
        }

        var message = Args.At(a, 4);
        var json = message.IsObject() ? JsonBridge.Stringify(engine, message) : null;
        var line = SyslogMessage.Format(facility, severity, DateTimeOffset.UtcNow, Environment.MachineName, "sluice", script.StoreScope, json, Args.ToText(message));
        try
        {
            script.Blocking(() =>
            {
                var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
                using var udp = new UdpClient(address.AddressFamily);
                return udp.Send(Encoding.UTF8.GetBytes(line), new IPEndPoint(address, port));
            });
        }
        catch (Exception e) when (e is SocketException or IndexOutOfRangeException)
        {
            throw Args.Fail(engine, $"syslog: {host}:{port}: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(JsEngine engine, string url, string? method, string? body, string? contentType)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Args.Fail(engine, $"http: '{url}' is not an http or https URL");
        }

        var request = new HttpRequestMessage(new HttpMethod((method ?? "GET").ToUpperInvariant()), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "text/plain");
        }

        return request;
    }
}
