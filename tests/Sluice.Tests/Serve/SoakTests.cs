using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The CI versions of bench/load/soak.py and overload.py (issue 11, items 1 and 2): a short steady load on a
/// <c>sluice serve</c> process with flows, a forwarding session and concurrent REST polling, checked for loss and for
/// growing threads and file descriptors; and a flood into a deliberately tiny queue, checked for exact drop counts,
/// REST service during the flood and full recovery afterwards.
/// </summary>
public sealed class SoakTests
{
    private static readonly (string Name, object Definition)[] Flows =
    [
        ("pairs", new { keys = "ipsource,ipdestination", value = "bytes" }),
        ("udp-services", new { keys = "ipdestination,udpdestinationport", value = "frames", filter = "ipprotocol=17" }),
        ("ports", new { keys = "agent,inputifindex", value = "bytes" }),
    ];

    // What the web UI and a scraping Prometheus ask for while the load runs.
    private static readonly string[] PolledUrls =
    [
        "/analyzer/json", "/agents/json", "/activeflows/ALL/pairs/json?maxFlows=20", "/activeflows/ALL/udp-services/json",
        "/metric/ALL/ifinoctets,ifoutoctets/json", "/prometheus/metrics/ALL/ALL/txt", "/flow/json",
    ];

    [Fact]
    public async Task Serve_SteadyLoadWithForwardingAndPolling_LosesNothingAndKeepsThreadsAndFds()
    {
        const int Rate = 400;
        var cancel = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("sluice-soak-").FullName;
        var (httpPort, sflowPort) = (UdpTestSocket.FreeTcpPort(), UdpTestSocket.FreePort());
        try
        {
            // A process of its own: threads and fds of an in-process host would include the test runner's.
            using var engine = SluiceProcess.StartShell(
                $"cd '{folder}' && exec {SluiceProcess.Command} serve -Dhttp.hostname=127.0.0.1 -Dhttp.port={httpPort} " +
                $"-Dsflow.hostname=127.0.0.1 -Dsflow.port={sflowPort} -Dsflow.rcvpktsbuffer=8388608");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            await Eventually.UntilAsync(() => RespondsAsync(http), TimeSpan.FromSeconds(60), () => Task.FromResult("no answer on /version: " + engine.Errors));
            await DefineFlowsAsync(http);
            using var receiver = new UdpTestSocket();
            using (var session = await http.PutAsJsonAsync("/forwarding/SoakA/json", new { address = "127.0.0.1", port = receiver.Port }, cancel))
            {
                Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var forwarded = CountAsync(receiver, stop.Token);
            // One poller opens a new connection per request, as a scraper without keep-alive does: a leaked
            // connection would show as a growing fd count.
            var pollers = new[] { PollAsync(http.BaseAddress, true, stop.Token), PollAsync(http.BaseAddress, false, stop.Token), PollAsync(http.BaseAddress, false, stop.Token) };
            var sender = Task.Run(() => SendSteadily(sflowPort, Rate, TimeSpan.FromSeconds(20), cancel), cancel);

            // Compare after warm-up (JIT, thread pool, first connections) with the end of the run, both under load.
            await Task.Delay(TimeSpan.FromSeconds(6), cancel);
            var early = Resources(engine.ProcessId);
            var sent = await sender;
            var late = Resources(engine.ProcessId);
            await Eventually.UntilAsync(async () => (await AnalyzerAsync(http)).Received >= sent, TimeSpan.FromSeconds(30),
                async () => $"received {(await AnalyzerAsync(http)).Received} of {sent}");
            await Eventually.UntilAsync(() => Task.FromResult(forwarded.Count >= sent), TimeSpan.FromSeconds(30),
                () => Task.FromResult($"forwarded {forwarded.Count} of {sent}"));
            await stop.CancelAsync();
            var requests = await Task.WhenAll(pollers);
            await forwarded.Task;

            var analyzer = await AnalyzerAsync(http);
            Assert.Equal(sent, analyzer.Received);
            Assert.Equal((0, 0), (analyzer.KernelDrops, analyzer.QueueDrops));
            Assert.Equal(sent, forwarded.Count);
            Assert.All(requests, count => Assert.True(count > 20, $"a poller made only {count} requests"));
            Assert.False(engine.HasExited, engine.Errors);
            Assert.True(late.Threads <= early.Threads + 6, $"threads grew from {early.Threads} to {late.Threads}");
            Assert.True(late.Fds <= early.Fds + 4, $"fds grew from {early.Fds} to {late.Fds}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_FloodIntoTinyQueue_CountsEveryDropServesRestAndRecovers()
    {
        var cancel = TestContext.Current.CancellationToken;
        // The smallest queue the engine allows (128 KiB, about 60 of these datagrams): the flood must overflow it.
        await using var host = await ServeTestHost.StartAsync(("sflow:queuebytes", "131072"), ("sflow:rcvpktsbuffer", "1048576"));
        await DefineFlowsAsync(host.Http);
        var port = host.Engine.Receiver!.LocalEndPoint.Port;
        var heavy = Enumerable.Range(0, 16).Select(i => Datagram(i % 4, (uint)(i + 1), 20)).ToArray();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var poller = PollAsync(host.Http.BaseAddress!, false, stop.Token);
        var sent = await Task.Run(() => Flood(port, heavy, 20_000), cancel);
        await Eventually.UntilAsync(async () => await AnalyzerAsync(host.Http) is var a && a.Received + a.KernelDrops >= sent && a.Queued == 0,
            TimeSpan.FromSeconds(60), async () => $"accounted for {(await AnalyzerAsync(host.Http)).Received} of {sent}");
        await stop.CancelAsync();
        var requests = await poller;
        var flooded = await AnalyzerAsync(host.Http);

        // Every datagram is decoded or counted as dropped, at the socket or at the queue.
        Assert.True(flooded.QueueDrops + flooded.KernelDrops > 0, "the flood dropped nothing: not an overload");
        Assert.Equal(sent, flooded.Decoded + flooded.QueueDrops + flooded.KernelDrops);
        Assert.True(requests > 0, "no REST request completed during the flood");

        // Recovery: a slow burst afterwards is decoded in full, with no new drop.
        const int Burst = 300;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            var target = new IPEndPoint(IPAddress.Loopback, port);
            for (var i = 0; i < Burst; i++)
            {
                socket.SendTo(heavy[i % heavy.Length], target);
                await Task.Delay(2, cancel);
            }
        }

        await Eventually.UntilAsync(async () => (await AnalyzerAsync(host.Http)).Decoded >= flooded.Decoded + Burst, TimeSpan.FromSeconds(30),
            async () => $"decoded {(await AnalyzerAsync(host.Http)).Decoded - flooded.Decoded} of {Burst} after the flood");
        var recovered = await AnalyzerAsync(host.Http);
        Assert.Equal(flooded.Decoded + Burst, recovered.Decoded);
        Assert.Equal((flooded.QueueDrops, flooded.KernelDrops), (recovered.QueueDrops, recovered.KernelDrops));
    }

    private static async Task<bool> RespondsAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/version", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static async Task DefineFlowsAsync(HttpClient http)
    {
        foreach (var (name, definition) in Flows)
        {
            using var response = await http.PutAsJsonAsync($"/flow/{name}/json", definition, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"PUT /flow/{name}/json: {response.StatusCode}");
        }
    }

    private static async Task<Analyzer> AnalyzerAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/analyzer/json", TestContext.Current.CancellationToken));
        var root = document.RootElement;
        var received = root.GetProperty("sFlowDatagramsReceived").GetInt64();
        var queueDrops = root.GetProperty("sFlowQueueDrops").GetInt64();
        return new Analyzer(received, received - queueDrops, root.GetProperty("sFlowKernelDrops").GetInt64(), queueDrops, root.GetProperty("sFlowQueued").GetInt32());
    }

    /// <summary>GETs every polled URL in turn until stopped; fails on any error answer; returns the requests made.</summary>
    private static async Task<int> PollAsync(Uri address, bool newConnectionEachTime, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = address };
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var url in PolledUrls)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = newConnectionEachTime;
                try
                {
                    using var response = await http.SendAsync(request, stop);
                    Assert.True(response.IsSuccessStatusCode, $"GET {url}: {response.StatusCode}");
                    count++;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return count;
                }
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return count;
            }
        }

        return count;
    }

    private static Counter CountAsync(UdpTestSocket receiver, CancellationToken stop)
    {
        var counter = new Counter();
        counter.Task = Task.Run(
            async () =>
            {
                // A timeout only checks for the stop: the count ends once stopped and nothing more is in flight.
                while (true)
                {
                    if (await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(500)) is not null)
                    {
                        counter.Add();
                    }
                    else if (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            },
            CancellationToken.None);
        return counter;
    }

    /// <summary>Sends <paramref name="rate"/> datagrams/s for <paramref name="duration"/>, paced every 10 ms; returns how many.</summary>
    private static long SendSteadily(int port, int rate, TimeSpan duration, CancellationToken cancel)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var clock = Stopwatch.StartNew();
        var sequences = new uint[4];
        long sent = 0;
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var agent = (int)(sent % sequences.Length);
                socket.SendTo(Datagram(agent, ++sequences[agent], 4), target);
            }

            Thread.Sleep(10);
        }

        return sent;
    }

    private static long Flood(int port, byte[][] datagrams, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, port);
        for (var i = 0; i < count; i++)
        {
            socket.SendTo(datagrams[i % datagrams.Length], target);
        }

        return count;
    }

    /// <summary>A datagram from agent 192.0.2.(1+agent) with <paramref name="samples"/> UDP flow samples between varied hosts.</summary>
    private static byte[] Datagram(int agent, uint sequence, int samples)
    {
        var packets = Enumerable.Range(0, samples)
            .Select(i => ($"10.1.{(sequence + i) % 50}.{1 + i}", $"10.2.{i % 7}.{1 + (sequence % 20)}", (uint)(64 + (i * 97 % 1400))))
            .ToArray();
        return FlowDatagrams.Flows($"192.0.2.{1 + agent}", sequence, 100, (uint)(1 + (sequence % 4)), packets);
    }

    private static (int Threads, int Fds) Resources(int pid)
    {
        var threads = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        var fds = Directory.GetFiles($"/proc/{pid}/fd").Length;
        return (int.Parse(threads["Threads:".Length..].Trim(), CultureInfo.InvariantCulture), fds);
    }

    private sealed record Analyzer(long Received, long Decoded, long KernelDrops, long QueueDrops, int Queued);

    private sealed class Counter
    {
        private long _count;

        public long Count => Volatile.Read(ref _count);

        public Task Task { get; set; } = Task.CompletedTask;

        public void Add() => Interlocked.Increment(ref _count);
    }
}
