using System.Net;
using System.Text;
using Sluice.Tests.Support;
using Sluice.Tunnel;
using Xunit;

namespace Sluice.Tests.Tunnel;

public sealed class TunnelListenerTests
{
    [Fact]
    public async Task RunAsync_ReceivedDatagrams_BecomeOneFlushedHexLineEach()
    {
        var output = new LineCollectingStream();
        var bound = new TaskCompletionSource<IPEndPoint>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = TunnelListener.RunAsync(new TunnelListenerOptions("127.0.0.1", 0), output, TextWriter.Null, cancel.Token, bound.SetResult);
        var port = (await bound.Task.WaitAsync(cancel.Token)).Port;
        byte[][] datagrams = [[0, 0, 0, 5, 1, 2, 3], [0xff], new byte[1400]];

        foreach (var datagram in datagrams)
        {
            await UdpTestSocket.SendAsync(port, datagram);
        }

        var lines = await output.WaitForLinesAsync(3, TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Equal(datagrams.Select(Convert.ToHexStringLower), lines);
        Assert.True(output.Flushes >= 3, "every line must be flushed as it is written");
    }

    [Fact]
    public async Task RunAsync_BadBindAddress_ReportsAndFails()
    {
        var errors = new StringWriter();

        var code = await TunnelListener.RunAsync(new TunnelListenerOptions("not-an-address", 0), Stream.Null, errors, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("'not-an-address' is not an IP address", errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Collects written bytes as lines and counts flushes.</summary>
    private sealed class LineCollectingStream : MemoryStream
    {
        private int _flushes;

        public int Flushes => _flushes;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _flushes);
            return Task.CompletedTask;
        }

        public async Task<string[]> WaitForLinesAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                string[] lines;
                lock (this)
                {
                    lines = Encoding.ASCII.GetString(GetBuffer(), 0, (int)Length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }

                if (lines.Length >= count || DateTime.UtcNow > deadline)
                {
                    return lines;
                }

                await Task.Delay(20);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (this)
            {
                Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }
    }
}
