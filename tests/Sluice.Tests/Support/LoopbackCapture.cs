using Sluice.Sflow.Pcap;

namespace Sluice.Tests.Support;

/// <summary>
/// The real tcpdump capturing on the loopback interface into a pcap file until it has seen a set number of packets,
/// then exiting by itself (<c>-c</c>).
/// </summary>
internal sealed class LoopbackCapture : IDisposable
{
    private readonly ShellProcess _tcpdump;
    private readonly string _directory;

    private LoopbackCapture(ShellProcess tcpdump, string directory)
    {
        _tcpdump = tcpdump;
        _directory = directory;
    }

    public string File => Path.Combine(_directory, "capture.pcap");

    /// <summary>Starts tcpdump on <c>lo</c> for <paramref name="packets"/> packets matching <paramref name="filter"/>; returns once it listens.</summary>
    public static async Task<LoopbackCapture> StartAsync(string filter, int packets, TimeSpan timeout)
    {
        SluiceProcess.RequireTool("tcpdump");
        var directory = Directory.CreateTempSubdirectory("sluice-capture-").FullName;
        var capture = new LoopbackCapture(
            SluiceProcess.StartShell($"exec tcpdump -i lo -n -U -c {packets} -w '{Path.Combine(directory, "capture.pcap")}' '{filter}'"),
            directory);
        var deadline = DateTime.UtcNow + timeout;
        while (!capture._tcpdump.Errors.Contains("listening on", StringComparison.Ordinal))
        {
            if (capture._tcpdump.HasExited || DateTime.UtcNow > deadline)
            {
                var errors = capture._tcpdump.Errors;
                capture.Dispose();
                throw new InvalidOperationException("tcpdump did not start: " + errors);
            }

            await Task.Delay(50);
        }

        return capture;
    }

    /// <summary>Waits for tcpdump to have its packets and exit, then reads the UDP datagrams it wrote.</summary>
    public async Task<List<(int Port, string Destination, byte[] Payload)>> DatagramsAsync(TimeSpan timeout)
    {
        if (!await _tcpdump.WaitAsync(timeout))
        {
            throw new TimeoutException("tcpdump did not see every packet: " + _tcpdump.Errors);
        }

        var datagrams = new List<(int, string, byte[])>();
        using var reader = new PcapUdpReader(System.IO.File.OpenRead(File));
        while (reader.TryRead(out var datagram))
        {
            datagrams.Add((datagram.DestinationPort, datagram.Destination.ToString(), datagram.Payload.ToArray()));
        }

        return datagrams;
    }

    public void Dispose()
    {
        _tcpdump.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
