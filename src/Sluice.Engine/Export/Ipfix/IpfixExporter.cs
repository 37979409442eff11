using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Sluice.Engine.Flows.Logging;

namespace Sluice.Engine.Export.Ipfix;

/// <summary>
/// Sends one flow definition's ended flows to its <c>ipfixCollectors</c> as IPFIX over UDP (RFC 7011), from its own
/// task: shard workers only queue records (a full queue drops and counts). Each message goes to every collector; the
/// template goes first and again every <see cref="FlowLogOptions.TemplateInterval"/> (§8.4), and the sequence number
/// counts the data records sent before each message in this exporter's observation domain (§3.1).
/// </summary>
public sealed class IpfixExporter : IAsyncDisposable
{
    private readonly Channel<FlowRecord> _queue;
    private readonly IPEndPoint[] _collectors;
    private readonly FlowLogOptions _options;
    private readonly TimeProvider _time;
    private readonly Task _run;
    private long _recordsExported;
    private long _messagesSent;
    private long _templatesSent;
    private long _dropped;
    private long _sendErrors;

    internal IpfixExporter(IpfixTemplate template, IPEndPoint[] collectors, uint observationDomain, FlowLogOptions options)
    {
        Template = template;
        _collectors = collectors;
        ObservationDomain = observationDomain;
        _options = options;
        _time = TimeProvider.System;
        _queue = Channel.CreateBounded<FlowRecord>(new BoundedChannelOptions(Math.Max(1, options.ExportQueue))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _run = Task.Run(RunAsync);
    }

    public IReadOnlyList<IPEndPoint> Collectors => _collectors;

    public uint ObservationDomain { get; }

    /// <summary>Data records in the messages sent (each message counts once, whatever the number of collectors).</summary>
    public long RecordsExported => Interlocked.Read(ref _recordsExported);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long TemplatesSent => Interlocked.Read(ref _templatesSent);

    /// <summary>Records dropped because the queue was full or the exporter had stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Sends the socket refused (an unreachable collector, a full buffer).</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    internal IpfixTemplate Template { get; }

    /// <summary>Queues an ended flow for export; never waits.</summary>
    internal void Enqueue(FlowRecord record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops taking records; those already queued are still sent.</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        Complete();
        await _run.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        using var ipv4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var ipv6 = Socket.OSSupportsIPv6 ? new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) : null;
        var writer = new IpfixMessageWriter(_options.MaxMessageBytes);
        var reader = _queue.Reader;
        uint sequence = 0;
        var templateInterval = _options.TemplateInterval;
        var templateSent = false;
        var templateDue = Later(templateInterval);
        var pending = (FlowRecord?)null;
        while (true)
        {
            var templateNow = _time.GetElapsedTime(templateDue) >= TimeSpan.Zero;
            if (pending is null && !templateNow && !reader.TryPeek(out _))
            {
                if (!await WaitForRecordsAsync(reader, -_time.GetElapsedTime(templateDue)).ConfigureAwait(false) && reader.Completion.IsCompleted)
                {
                    return;
                }

                continue;
            }

            writer.Begin((uint)_time.GetUtcNow().ToUnixTimeSeconds(), sequence, ObservationDomain);
            if (templateNow || !templateSent)
            {
                // The first message carries the template with its records; later ones when the interval comes round.
                writer.AddTemplateSet(Template);
                Interlocked.Increment(ref _templatesSent);
                templateSent = true;
                templateDue = Later(templateInterval);
            }

            if (pending is not null && !writer.TryAddRecord(Template, pending))
            {
                Interlocked.Increment(ref _dropped); // cannot happen with a template that passed Fits; never loop on it
            }

            pending = null;

            while (pending is null && reader.TryRead(out var record))
            {
                if (!writer.TryAddRecord(Template, record))
                {
                    pending = record; // the next message starts with it
                }
            }

            // Counted before sending, so whoever has received the message also sees it counted.
            var message = writer.Finish();
            sequence = unchecked(sequence + (uint)writer.DataRecords);
            Interlocked.Add(ref _recordsExported, writer.DataRecords);
            Interlocked.Increment(ref _messagesSent);
            await SendAsync(ipv4, ipv6, message).ConfigureAwait(false);
        }
    }

    private long Later(TimeSpan delay) => _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Waits for a record until <paramref name="wait"/> passes; false when the queue completed or the time ran out.</summary>
    private static async Task<bool> WaitForRecordsAsync(ChannelReader<FlowRecord> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendAsync(Socket ipv4, Socket? ipv6, ReadOnlyMemory<byte> message)
    {
        foreach (var collector in _collectors)
        {
            var socket = collector.AddressFamily == AddressFamily.InterNetworkV6 ? ipv6 : ipv4;
            try
            {
                if (socket is null)
                {
                    throw new SocketException((int)SocketError.AddressFamilyNotSupported);
                }

                await socket.SendToAsync(message, SocketFlags.None, collector).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _sendErrors);
            }
        }
    }
}
