using System.Diagnostics;
using System.Net;
using System.Text;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// A real IPFIX collector, nfdump's <c>nfcapd</c> (Debian <c>nfdump</c>, /work/shared/peers.md §7), on 127.0.0.1 stores
/// the flows <c>sluice serve</c> exports for a definition with <c>ipfixCollectors</c>, and <c>nfdump</c> reads back
/// each flow's addresses, ports, protocol, packets and bytes.
/// </summary>
public sealed class IpfixNfcapdTests
{
    [Fact]
    public async Task IpfixCollectors_Nfcapd_StoresTheEndedFlowsWithBytesAndPackets()
    {
        Assert.True(File.Exists("/usr/bin/nfcapd") && File.Exists("/usr/bin/nfdump"), "nfdump is not installed (scripts/test-deps.sh installs it)");
        var folder = Directory.CreateTempSubdirectory("sluice-nfcapd-").FullName;
        var flows = Directory.CreateDirectory(Path.Combine(folder, "flows")).FullName;
        var port = UdpTestSocket.FreePort();
        using var nfcapd = Start("/usr/bin/nfcapd", "-b", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", flows, "-t", "3600", "-v");
        var output = new StringBuilder();
        nfcapd.OutputDataReceived += (_, e) => Append(output, e.Data);
        nfcapd.ErrorDataReceived += (_, e) => Append(output, e.Data);
        nfcapd.BeginOutputReadLine();
        nfcapd.BeginErrorReadLine();
        try
        {
            await WaitForAsync(() => Text(output).Contains("Startup nfcapd.", StringComparison.Ordinal), "nfcapd to start", output);
            await using var host = await ServeTestHost.StartAsync();
            using var body = new StringContent(
                $$"""{"keys":"ipsource,ipdestination,ipprotocol,udpsourceport,udpdestinationport","value":"bytes","ipfixCollectors":["127.0.0.1:{{port}}"]}""",
                Encoding.UTF8,
                "application/json");
            var put = await host.Http.PutAsync(new Uri("/flow/udp/json", UriKind.Relative), body, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

            // One datagram received a minute ago with ten samples of each flow at 1-in-100 (one datagram, so no sweep of
            // idle flows can come between the samples); the workers' next sweep ends both flows.
            var packets = Enumerable.Repeat(new[] { ("10.0.0.1", "10.0.0.2", 1000u), ("10.0.0.3", "10.0.0.4", 500u) }, 10).SelectMany(p => p).ToArray();
            var then = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
            Assert.True(host.Engine.Ingest.Submit(FlowDatagrams.Flows("192.0.2.1", 1, 100, 3, packets), FlowDatagrams.Address("127.0.0.1"), then));

            var exporter = host.Engine.FlowLogging.Exporters["udp"];
            await WaitForAsync(() => exporter.RecordsExported >= 2, "the exporter to send both flows", output);
            // The template travels with the first records, so once nfcapd names the exporter it has read them.
            await WaitForAsync(() => Text(output).Contains("New ipfix exporter", StringComparison.Ordinal), "nfcapd to see the exporter", output);
        }
        finally
        {
            // SIGTERM makes nfcapd flush its file and print its totals.
            using (var kill = Process.Start("/bin/kill", ["-TERM", nfcapd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var exit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            exit.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                // Also waits for the output to be read to its end.
                await nfcapd.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                nfcapd.Kill(entireProcessTree: true);
            }
        }

        try
        {
            var said = Text(output);
            Assert.True(said.Contains("Flows: 2, Packets: 2000, Bytes: 1500000, Sequence Errors: 0, Bad Packets: 0", StringComparison.Ordinal), said);
            using var nfdump = Start("/usr/bin/nfdump", "-R", flows, "-q", "-N", "-o", "fmt:%pr %sa %sp %da %dp %pkt %byt");
            var printed = await nfdump.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await nfdump.WaitForExitAsync(TestContext.Current.CancellationToken);
            var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(["17 10.0.0.1 5000 10.0.0.2 53 1000 1000000", "17 10.0.0.3 5000 10.0.0.4 53 1000 500000"], lines);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, StringBuilder output)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"timed out waiting for {what}; nfcapd said:\n{Text(output)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
