using System.Diagnostics;
using Sluice.Sflow.Pcap;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

/// <summary>
/// Real-peer tests: tcpdump (libpcap) reads what <see cref="PcapWriter"/> writes. tcpdump must be installed
/// (the CI script installs it); a missing binary fails the test.
/// </summary>
public sealed class PcapWriterTcpdumpTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteRecord_File_TcpdumpReadsEveryRecord(bool nanosecond)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sluice-pcap-{Guid.NewGuid():N}.pcap");
        try
        {
            const long start = 1_700_000_000_123_456_789;
            using (var writer = new PcapWriter(File.Create(path), new PcapWriterOptions { Nanosecond = nanosecond }))
            {
                for (var i = 0; i < 5; i++)
                {
                    var payload = TestFrames.Payload(100 + i);
                    var frame = i % 2 == 0 ? TestFrames.Udp4(payload, 9999) : TestFrames.Udp6(payload, 9999);
                    writer.WriteRecord(start + i, frame);
                }
            }

            var (exitCode, output, error) = Run($"-r {path} -n -tt --time-stamp-precision=nano -vv", stdin: null);
            Assert.True(exitCode == 0, $"tcpdump exit {exitCode}: {error}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(' ')).ToArray();
            Assert.Equal(5, lines.Length);
            Assert.StartsWith(nanosecond ? "1700000000.123456789 IP " : "1700000000.123456000 IP ", lines[0], StringComparison.Ordinal);
            Assert.Contains("192.0.2.1.40000 > 192.0.2.2.9999: [udp sum ok] UDP, length 100", output, StringComparison.Ordinal);
            Assert.Contains("2001:db8::1.40000 > 2001:db8::2.9999: [udp sum ok] UDP, length 101", output, StringComparison.Ordinal);
            Assert.DoesNotContain("bad", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WriteRecord_FlushEachRecordToPipe_TcpdumpReadsStdin()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var process = Start("-r - -n", redirectStdin: true);
        var errorTask = process.StandardError.ReadToEndAsync(cancellation);
        var outputTask = process.StandardOutput.ReadToEndAsync(cancellation);
        using (var writer = new PcapWriter(process.StandardInput.BaseStream, new PcapWriterOptions { FlushEachRecord = true }))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.WriteRecord(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + i), TestFrames.Udp4(TestFrames.Payload(50), 9999));
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var output = await outputTask;
        Assert.True(process.ExitCode == 0, $"tcpdump exit {process.ExitCode}: {await errorTask}");
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static (int ExitCode, string Output, string Error) Run(string arguments, string? stdin)
    {
        using var process = Start(arguments, redirectStdin: stdin is not null);
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill();
            Assert.Fail("tcpdump did not exit");
        }

        return (process.ExitCode, output, errorTask.GetAwaiter().GetResult());
    }

    private static Process Start(string arguments, bool redirectStdin)
    {
        var start = new ProcessStartInfo("tcpdump", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        start.Environment["TZ"] = "UTC";

        // A missing tcpdump throws Win32Exception here: the test fails, as a real-peer test must.
        return Process.Start(start) ?? throw new InvalidOperationException("tcpdump did not start");
    }
}
