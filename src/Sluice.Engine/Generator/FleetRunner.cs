using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Generator;

/// <summary>
/// Drives an <see cref="AgentFleet"/> in real time into the engine or a UDP socket. Each millisecond tick sends the
/// burst that brings the count up to elapsed time × rate, then sleeps: bursts keep the cost of timing per datagram
/// near zero, and pacing by elapsed time (not by sleep lengths) keeps the average rate exact.
/// </summary>
/// <remarks>
/// At rate 0 the fleet's own clock follows the wall clock, so agents send at their natural rate and counters,
/// uptimes and flow samples describe real time. At a set rate the fleet's clock runs as fast as needed to supply
/// that many datagrams (faster or slower than real time), which is what a load test wants.
/// </remarks>
public static class FleetRunner
{
    /// <summary>Submits the fleet's datagrams to <paramref name="sink"/> as if received from each agent.</summary>
    public static Task<FleetRunResult> RunAsync(AgentFleet fleet, IDatagramSink sink, double rate, TimeSpan duration,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(sink);
        return Start(fleet, new SinkTransport(sink), rate, duration, cancellation);
    }

    /// <summary>Sends the fleet's datagrams from <paramref name="socket"/> (UDP) to <paramref name="target"/>.</summary>
    public static Task<FleetRunResult> RunAsync(AgentFleet fleet, Socket socket, EndPoint target, double rate,
        TimeSpan duration, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(target);
        return Start(fleet, new SocketTransport(socket, target.Serialize()), rate, duration, cancellation);
    }

    private static Task<FleetRunResult> Start<TTransport>(AgentFleet fleet, TTransport transport, double rate,
        TimeSpan duration, CancellationToken cancellation)
        where TTransport : ITransport
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);

        // A dedicated thread: the loop blocks in sends and 1 ms sleeps, which would starve the thread pool.
        return Task.Factory.StartNew(
            () => Run(fleet, transport, rate, duration, cancellation),
            cancellation,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static FleetRunResult Run<TTransport>(AgentFleet fleet, TTransport transport, double rate, TimeSpan duration,
        CancellationToken cancellation)
        where TTransport : ITransport
    {
        var buffer = new byte[fleet.MaxDatagramSize];
        long datagrams = 0, bytes = 0, failed = 0;
        var fleetStartMs = (long)Math.Ceiling(fleet.LastDatagramMs);
        var clock = Stopwatch.StartNew();
        var limitTicks = duration == TimeSpan.Zero ? long.MaxValue : duration.Ticks;
        while (!cancellation.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            if (elapsed.Ticks >= limitTicks)
            {
                break;
            }

            var receivedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var nowMs = rate > 0 ? long.MaxValue : fleetStartMs + (long)elapsed.TotalMilliseconds;
            var due = rate > 0 ? (long)(elapsed.TotalSeconds * rate) - datagrams : long.MaxValue;
            var burst = 0L;
            while (burst < due)
            {
                var length = fleet.Fill(buffer, nowMs, out var agent);
                if (length == 0)
                {
                    break;
                }

                if (transport.Send(buffer.AsSpan(0, length), agent, receivedUnixMs))
                {
                    datagrams++;
                    bytes += length;
                }
                else
                {
                    failed++;
                }

                // Long bursts (a slow start, a stalled sender) still notice the deadline and Ctrl+C.
                if ((++burst & 1023) == 0 && (cancellation.IsCancellationRequested || clock.Elapsed.Ticks >= limitTicks))
                {
                    break;
                }
            }

            Thread.Sleep(1);
        }

        return new FleetRunResult(datagrams, bytes, failed, clock.Elapsed);
    }

    private interface ITransport
    {
        bool Send(ReadOnlySpan<byte> datagram, in SflowAddress agent, long receivedUnixMs);
    }

    private readonly struct SinkTransport(IDatagramSink sink) : ITransport
    {
        public bool Send(ReadOnlySpan<byte> datagram, in SflowAddress agent, long receivedUnixMs) =>
            sink.Submit(datagram, agent, receivedUnixMs);
    }

    private readonly struct SocketTransport(Socket socket, SocketAddress target) : ITransport
    {
        public bool Send(ReadOnlySpan<byte> datagram, in SflowAddress agent, long receivedUnixMs)
        {
            try
            {
                // The SocketAddress overload: no EndPoint is serialised (and allocated) per datagram.
                socket.SendTo(datagram, SocketFlags.None, target);
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.NoBufferSpaceAvailable
                or SocketError.ConnectionRefused or SocketError.WouldBlock)
            {
                // A full queue or an ICMP "port unreachable" from an earlier datagram: count it and keep going.
                return false;
            }
        }
    }
}
