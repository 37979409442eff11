using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>) on a free loopback port, started with the given scrape
/// configuration in a temporary folder; disposing stops it and removes the folder.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    /// <summary>Starts Prometheus with <paramref name="configuration"/> as its <c>prometheus.yml</c>.</summary>
    public static async Task<PrometheusServer> StartAsync(string configuration)
    {
        Assert.True(File.Exists("/usr/bin/prometheus"), "prometheus is not installed (.ci/run installs it)");
        var folder = Directory.CreateTempSubdirectory("sluice-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), configuration, TestContext.Current.CancellationToken);
        var port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/prometheus")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
        {
            $"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new PrometheusServer(process, folder, port);
    }

    /// <summary>
    /// Runs the PromQL instant query until it returns at least <paramref name="results"/> series and
    /// <paramref name="accept"/> agrees; fails after <paramref name="timeout"/> (default 45 s: Prometheus applies
    /// targets on a 5 s tick, so the first scrape lands 5-6 s after start).
    /// </summary>
    public async Task<JsonElement[]> QueryUntilAsync(string query, int results, Func<JsonElement[], bool>? accept = null, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(45);
        while (true)
        {
            try
            {
                var json = await Client.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
                using var document = JsonDocument.Parse(json);
                var found = document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToArray();
                if (found.Length >= results && (accept is null || accept(found)))
                {
                    return found;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(clock.Elapsed < limit, $"PromQL '{query}' found fewer than {results} acceptable series in time");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
