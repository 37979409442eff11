using System.Diagnostics;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Feeds the UDP payloads of a capture to the engine (sFlow-RT's <c>sflow.file</c>): at the recorded pace, or
/// <see cref="Speed"/> times faster (0 = as fast as the engine takes them). Datagrams are stamped with the
/// replay start plus their offset in the capture, so rates computed from counters stay true at any speed.
/// </summary>
public sealed class PcapReplay
{
    public PcapReplay(string path, double speed = 1, int? port = null)
    {
        Path = path;
        Speed = speed;
        Port = port;
    }

    public string Path { get; }

    /// <summary>1 = recorded pace, 10 = ten times faster, 0 = no pacing.</summary>
    public double Speed { get; }

    /// <summary>Only UDP datagrams to this port (e.g. 6343); null takes every UDP datagram.</summary>
    public int? Port { get; }

    public long Datagrams { get; private set; }

    public async Task RunAsync(IDatagramSink sink, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await using var file = File.OpenRead(Path);
        using var reader = new PcapUdpReader(file, new PcapUdpReaderOptions { Port = Port });
        var clock = Stopwatch.StartNew();
        var startUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long firstNs = -1;
        var address = new byte[16];
        while (!cancel.IsCancellationRequested && reader.TryRead(out var datagram))
        {
            if (firstNs < 0)
            {
                firstNs = datagram.TimestampNs;
            }

            var offsetMs = (datagram.TimestampNs - firstNs) / 1_000_000;
            if (Speed > 0)
            {
                var due = TimeSpan.FromMilliseconds(offsetMs / Speed) - clock.Elapsed;
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, cancel).ConfigureAwait(false);
                }
            }

            var length = datagram.Source.CopyTo(address);
            var source = length == 4 ? SflowAddress.FromIPv4(address) : SflowAddress.FromIPv6(address);
            sink.Submit(datagram.Payload.Span, source, startUnixMs + offsetMs);
            Datagrams++;
        }
    }
}
