using System.Net;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// Debian's InfluxDB 1.6 (peers.md §4) on loopback only: HTTP and the RPC port on free 127.0.0.1 ports, every other
/// listener off, data in the run's own folder; ready once <c>/ping</c> answers.
/// </summary>
internal sealed class InfluxDbServer : IAsyncDisposable
{
    private readonly PeerProcess _process = new("influxd");

    private InfluxDbServer(int port)
    {
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Log => _process.Log;

    public static async Task<InfluxDbServer> StartAsync()
    {
        SluiceProcess.RequireTool("influxd");
        var server = new InfluxDbServer(TcpTestPort.Free());
        var d = server._process.Folder;
        await File.WriteAllTextAsync(server._process.PathOf("influxdb.conf"), $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{TcpTestPort.Free()}"
            [meta]
              dir = "{d}/meta"
            [data]
              dir = "{d}/data"
              wal-dir = "{d}/wal"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:{server.Port}"
              log-enabled = false
            [logging]
              level = "warn"

            """);
        server._process.Start($"exec influxd run -config {server._process.PathOf("influxdb.conf")}");
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    try
                    {
                        using var ping = await server.Client.GetAsync(new Uri("/ping", UriKind.Relative), TestContext.Current.CancellationToken);
                        return ping.StatusCode == HttpStatusCode.NoContent;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(20),
                () => Task.FromResult(server.Log));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs InfluxQL (POST, as writes such as CREATE DATABASE need) and returns the first statement's result.</summary>
    public async Task<JsonElement> QueryAsync(string influxQl, string? database = null)
    {
        var form = new Dictionary<string, string> { ["q"] = influxQl, ["epoch"] = "s" };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await Client.PostAsync(new Uri("/query", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"InfluxQL {influxQl}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("results")[0].Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
