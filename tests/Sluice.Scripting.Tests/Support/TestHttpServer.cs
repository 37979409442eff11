using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Scripting.Tests.Support;

/// <summary>
/// A loopback HTTP server that records each request (method, path, content type, authorization, body) and answers
/// 200 with <c>{"response":"ok"}</c>, or the status a path asks for (<c>/status/404</c>).
/// </summary>
internal sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public TestHttpServer()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public System.Collections.Concurrent.ConcurrentQueue<Received> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(new Received(context.Request.HttpMethod, path, context.Request.ContentType, context.Request.Headers["Authorization"], body));
            var status = path.StartsWith("/status/", StringComparison.Ordinal) ? int.Parse(path[8..], System.Globalization.CultureInfo.InvariantCulture) : 200;
            var answer = Encoding.UTF8.GetBytes("""{"response":"ok"}""");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public sealed record Received(string Method, string Path, string? ContentType, string? Authorization, string Body);
}
