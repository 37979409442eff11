using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Sflowtool;

/// <summary>The built <c>sluice sflowtool</c> listening on UDP (127.0.0.1 / ::1) and forwarding with <c>-f</c>.</summary>
public sealed class SflowtoolSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(new string[0], "127.0.0.1")]
    [InlineData(new[] { "-4" }, "127.0.0.1")]
    [InlineData(new[] { "-6" }, "::1")]
    [InlineData(new[] { "-6" }, "127.0.0.1")]
    public async Task Listen_Json_PrintsOneLinePerDatagramWithSource(string[] family, string sender)
    {
        var port = FreePort();
        using var process = SluiceProcess.StartSflowtool([.. family, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j"]);
        try
        {
            var datagrams = TestCapture.Datagrams();
            var address = IPAddress.Parse(sender);
            using var client = new UdpClient(address.AddressFamily);
            var lines = new List<string>();
            var reading = ReadLinesAsync(process, lines, datagrams.Count);
            var clock = Stopwatch.StartNew();

            // Resend until the listener is up (it binds after the runtime starts), then count distinct datagrams.
            while (!reading.IsCompleted && clock.Elapsed < Timeout)
            {
                lock (lines)
                {
                    if (lines.Count == 0)
                    {
                        client.Send(datagrams[0], new IPEndPoint(address, port));
                    }
                    else
                    {
                        break;
                    }
                }

                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            for (var i = 1; i < datagrams.Count; i++)
            {
                client.Send(datagrams[i], new IPEndPoint(address, port));
            }

            await reading.WaitAsync(Timeout, TestContext.Current.CancellationToken);
            using var last = JsonDocument.Parse(lines[^1]);
            var root = last.RootElement;
            // Like sflowtool, v4-mapped and v4-compatible (::a.b.c.d) senders print as IPv4, so ::1 is 0.0.0.1.
            Assert.Equal(sender == "::1" ? "0.0.0.1" : sender, root.GetProperty("datagramSourceIP").GetString());
            Assert.Equal("4", root.GetProperty("packetSequenceNo").GetString());
            Assert.Equal("192.0.2.1", root.GetProperty("agent").GetString());
            Assert.NotEqual("0", root.GetProperty("unixSecondsUTC").GetString());
            Assert.False(root.TryGetProperty("pcapTimestamp", out _));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Listen_IPv4Only_DoesNotReceiveIPv6()
    {
        var port = FreePort();
        using var process = SluiceProcess.StartSflowtool("-4", "-b", "::1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(249, process.ExitCode);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("could not parse '::1' as an IPv4 address\nunable to open UDP read socket\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPcap_Forward_DeliversDatagramsByteIdentical()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var expected = TestCapture.Datagrams();

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{SluiceProcess.Command} sflowtool -r '{TestCapture.Path}' -f 127.0.0.1/{port} -j", Timeout);

        Assert.True(code == 0, stderr);
        Assert.Empty(stdout);
        for (var i = 0; i < expected.Count; i++)
        {
            var received = await receiver.ReceiveAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken);
            Assert.Equal(expected[i], received.Buffer);
        }
    }

    [Fact]
    public async Task Listen_Forward_RelaysDatagramsByteIdentical()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var port = FreePort();
        using var process = SluiceProcess.StartSflowtool("-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"127.0.0.1/{target}");
        try
        {
            var datagram = TestCapture.Datagrams()[0];
            using var client = new UdpClient();
            var clock = Stopwatch.StartNew();
            UdpReceiveResult? received = null;
            var receive = receiver.ReceiveAsync(TestContext.Current.CancellationToken).AsTask();
            while (received is null && clock.Elapsed < Timeout)
            {
                // Resend until the relay is listening.
                client.Send(datagram, new IPEndPoint(IPAddress.Loopback, port));
                if (await Task.WhenAny(receive, Task.Delay(300, TestContext.Current.CancellationToken)) == receive)
                {
                    received = await receive;
                }
            }

            Assert.NotNull(received);
            Assert.Equal(datagram, received.Value.Buffer);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task ReadLinesAsync(Process process, List<string> lines, int distinctSequenceNumbers)
    {
        var seen = new HashSet<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            lock (lines)
            {
                lines.Add(line);
            }

            seen.Add(document.RootElement.GetProperty("packetSequenceNo").GetString()!);
            if (seen.Count == distinctSequenceNumbers)
            {
                return;
            }
        }

        throw new InvalidOperationException("sluice sflowtool exited: " + await process.StandardError.ReadToEndAsync());
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
