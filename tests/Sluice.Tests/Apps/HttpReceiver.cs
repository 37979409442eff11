using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Sluice.Tests.Apps;

/// <summary>
/// A Loggly-style HTTP event endpoint on loopback (peers.md §8): records every POST or PUT (path, content type, body)
/// and answers <c>{"response":"ok"}</c>, as Loggly does.
/// </summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpReceiver(WebApplication app)
    {
        _app = app;
        Url = app.Urls.First();
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public ConcurrentQueue<(string Method, string Path, string? ContentType, string Body)> Received { get; } = new();

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        HttpReceiver? receiver = null;
        app.MapMethods("/{**path}", ["POST", "PUT"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver!.Received.Enqueue((request.Method, request.Path.Value!, request.ContentType, await reader.ReadToEndAsync()));
            return TypedResults.Text("""{"response":"ok"}""", "application/json");
        });
        await app.StartAsync();
        receiver = new HttpReceiver(app);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
