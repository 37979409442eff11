using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine;
using Sluice.Serve;

namespace Sluice.Tests.Serve;

/// <summary><c>sluice serve</c> in-process on ephemeral loopback ports, with an HTTP client and a UDP sender.</summary>
internal sealed class ServeTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UdpClient _udp = new(AddressFamily.InterNetwork);

    private ServeTestHost(WebApplication app)
    {
        _app = app;
        Engine = app.Services.GetRequiredService<SluiceEngine>();
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public SluiceEngine Engine { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ServeTestHost> StartAsync(params (string Key, string Value)[] extra) => StartAsync(null, extra);

    /// <param name="configureServices">Extra service registrations, e.g. in-test services for the app runtime.</param>
    public static async Task<ServeTestHost> StartAsync(Action<IServiceCollection>? configureServices, params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["http:hostname"] = "127.0.0.1",
            ["http:port"] = "0",
            ["sflow:hostname"] = "127.0.0.1",
            ["sflow:port"] = "0",
            ["topology:file"] = string.Empty, // in memory: a test's topology must not outlive it in store/
            ["store:definitions"] = "no", // likewise its flows, thresholds, groups...; persistence tests turn it on with their own store:dir
            // Dozens of hosts start and stop per run: their startup chatter would bury a failing test's message.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            properties[key] = value;
        }

        var app = ServeHost.Build(properties, configureServices);
        await app.StartAsync();
        return new ServeTestHost(app);
    }

    /// <summary>Sends datagrams to the engine's UDP port and waits until it has decoded them all.</summary>
    public async Task SendAsync(IEnumerable<byte[]> datagrams)
    {
        var port = Engine.Receiver!.LocalEndPoint.Port;
        // The receiver's count is cumulative: wait for these datagrams, not for what an earlier call sent.
        var before = Engine.Receiver.Received;
        long sent = 0;
        foreach (var datagram in datagrams)
        {
            await _udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, port));
            sent++;
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Engine.Receiver.Received < before + sent || Engine.ShardStatistics.Sum(s => s.Decoded) < Engine.Receiver.Received)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"engine decoded {Engine.ShardStatistics.Sum(s => s.Decoded)} of {sent}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _udp.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
