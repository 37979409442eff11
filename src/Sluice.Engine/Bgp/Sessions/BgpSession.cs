using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp.Sessions;

/// <summary>
/// One TCP connection with a neighbor and its finite state machine (RFC 4271 §8): sends OPEN, checks the peer's,
/// agrees hold time and families, keeps the hold and keepalive timers, reads every message with full checks and
/// answers bad input with the right NOTIFICATION. Writes go through one queue and one writer, so the neighbor can send
/// from any thread while the order of announcements and withdrawals is kept.
/// </summary>
internal sealed class BgpSession : IDisposable
{
    /// <summary>How often the timers are looked at: well under the shortest keepalive interval (1 s).</summary>
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a closing session waits for the peer to read its last messages and hang up.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly BgpNeighbor _neighbor;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly TimeProvider _time;
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startedTimestamp;
    private long _lastReceived;
    private long _lastSent;
    private int _state = (int)BgpSessionState.OpenSent;
    private int _closing;
    private byte[] _body = new byte[4096];
    private string? _closeReason;

    public BgpSession(BgpNeighbor neighbor, Socket socket, bool inbound, TimeProvider time, int outboxCapacity)
    {
        _neighbor = neighbor;
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _time = time;
        Inbound = inbound;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(outboxCapacity) { SingleReader = true });
        _startedTimestamp = _lastReceived = _lastSent = time.GetTimestamp();
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalIdentifier = Identifier(neighbor, LocalEndPoint.Address);
    }

    /// <summary>True when the peer connected to us; false when we connected (RFC 4271 §6.8 collision resolution).</summary>
    public bool Inbound { get; }

    public IPEndPoint LocalEndPoint { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public BgpSessionState State => (BgpSessionState)Volatile.Read(ref _state);

    public uint LocalIdentifier { get; }

    /// <summary>The peer's OPEN, once received.</summary>
    public BgpOpenMessage? PeerOpen { get; private set; }

    /// <summary>Families both sides offered.</summary>
    public IReadOnlyList<BgpFamily> Families { get; private set; } = [];

    public int HoldTimeSeconds { get; private set; }

    public BgpUpdateContext Context { get; private set; }

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Runs the session to its end: sends OPEN, reads until either side closes, then tells the neighbor.</summary>
    public async Task RunAsync()
    {
        var writer = Task.Run(WriteLoopAsync);
        var timers = Task.Run(TimerLoopAsync);
        string? error = null;
        try
        {
            Send(Open());
            await ReadLoopAsync().ConfigureAwait(false);
            error = IsClosing ? null : "the peer closed the connection";
        }
        catch (BgpProtocolException e)
        {
            error = e.Message;
            Close(e.Notification, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or EndOfStreamException)
        {
            error = IsClosing ? null : "connection lost: " + e.Message;
            Close(null, error ?? "closed");
        }
#pragma warning disable CA1031 // whatever went wrong inside, the peer gets a Cease and the speaker carries on
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = "internal error: " + e.Message;
            Close(new BgpNotification(BgpError.Cease, 0), error);
        }
        finally
        {
            _neighbor.SessionEnded(this, error ?? _closeReason);
            Close(null, _closeReason ?? "closed");
            await Task.WhenAny(Task.WhenAll(writer, timers), Task.Delay(CloseWait + CloseWait, _time)).ConfigureAwait(false);
            await _stop.CancelAsync().ConfigureAwait(false);
            Dispose();
        }
    }

    /// <summary>Closes the connection; <see cref="RunAsync"/> does it when the session ends.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Queues a message. False when the session is closing; a full queue (a peer that stopped reading) closes the
    /// session with Cease/Out of Resources.
    /// </summary>
    public bool Send(byte[] message)
    {
        if (IsClosing)
        {
            return false;
        }

        if (_outbox.Writer.TryWrite(message))
        {
            return true;
        }

        Close(new BgpNotification(BgpError.Cease, BgpError.OutOfResources), "the peer does not read what is sent");
        return false;
    }

    /// <summary>Sends <paramref name="notification"/> (when given) after what is queued, then closes the connection.</summary>
    public void Close(BgpNotification? notification, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        if (notification is not null)
        {
            _neighbor.NotificationSent(notification);
            _outbox.Writer.TryWrite(BgpMessageEncoder.Notification(notification));
        }

        _outbox.Writer.TryComplete();
        try
        {
            // A writer stuck on a peer that does not read is not waited for longer than this.
            _stop.CancelAfter(CloseWait + CloseWait);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private byte[] Open()
    {
        var options = _neighbor.Options;
        return new BgpOpenMessage
        {
            As = options.LocalAs,
            HoldTimeSeconds = options.HoldTimeSeconds ?? _neighbor.ServiceOptions.HoldTimeSeconds,
            Identifier = LocalIdentifier,
            Capabilities = new BgpCapabilities
            {
                Families = options.Families,
                RouteRefresh = true,
                ExtendedMessage = true,
                FourOctetAs = options.LocalAs,
            },
        }.Encode();
    }

    private async Task ReadLoopAsync()
    {
        var header = new byte[BgpMessageWriter.HeaderLength];
        while (true)
        {
            var read = await _stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, _stop.Token).ConfigureAwait(false);
            if (read < header.Length)
            {
                if (read == 0)
                {
                    return;
                }

                throw new EndOfStreamException("the connection ended inside a message header");
            }

            var maxLength = Context.MaxMessageLength == 0 ? 4096 : Context.MaxMessageLength;
            var (type, length) = BgpMessageHeader.Read(header, maxLength);
            if (_body.Length < length)
            {
                _body = new byte[65_535];
            }

            var body = _body.AsMemory(0, length - header.Length);
            await _stream.ReadExactlyAsync(body, _stop.Token).ConfigureAwait(false);
            Volatile.Write(ref _lastReceived, _time.GetTimestamp());
            if (IsClosing)
            {
                // Only draining until the peer hangs up.
                continue;
            }

            Handle(type, body.Span);
        }
    }

    private void Handle(BgpMessageType type, ReadOnlySpan<byte> body)
    {
        var state = State;
        switch (type)
        {
            case BgpMessageType.Notification:
                var notification = new BgpNotification(body[0], body[1], body[2..].ToArray());
                _neighbor.NotificationReceived(notification);
                Close(null, "the peer sent NOTIFICATION " + notification);
                return;
            case BgpMessageType.Open when state == BgpSessionState.OpenSent:
                ReceiveOpen(BgpOpenMessage.Decode(body));
                return;
            case BgpMessageType.Keepalive when state == BgpSessionState.OpenConfirm:
                Volatile.Write(ref _state, (int)BgpSessionState.Established);
                _neighbor.Established(this);
                return;
            case BgpMessageType.Keepalive when state == BgpSessionState.Established:
                return;
            case BgpMessageType.Update when state == BgpSessionState.Established:
                _neighbor.UpdateReceived(BgpUpdateDecoder.Decode(body, Context));
                return;
            case BgpMessageType.RouteRefresh when state == BgpSessionState.Established:
                // AFI, subtype (0 = a plain request; 1 and 2 mark an enhanced refresh, RFC 7313), SAFI.
                if (body[2] == 0)
                {
                    _neighbor.RefreshRequested(this, new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(body), body[3]));
                }

                return;
            default:
                throw new BgpProtocolException(BgpError.FiniteStateMachine, state switch
                {
                    BgpSessionState.OpenSent => BgpError.UnexpectedMessageInOpenSent,
                    BgpSessionState.OpenConfirm => BgpError.UnexpectedMessageInOpenConfirm,
                    _ => BgpError.UnexpectedMessageInEstablished,
                }, $"{type} in {state}");
        }
    }

    private void ReceiveOpen(BgpOpenMessage open)
    {
        var options = _neighbor.Options;
        if (options.PeerAs is { } expected && open.As != expected)
        {
            throw new BgpProtocolException(BgpError.OpenMessage, BgpError.BadPeerAs, $"AS {open.As}, not {expected}");
        }

        if (open.Identifier == LocalIdentifier && open.As == options.LocalAs)
        {
            // RFC 6286 §2.1: internal peers need different identifiers.
            throw new BgpProtocolException(BgpError.OpenMessage, BgpError.BadBgpIdentifier, "the peer uses this speaker's BGP identifier");
        }

        var ours = options.HoldTimeSeconds ?? _neighbor.ServiceOptions.HoldTimeSeconds;
        PeerOpen = open;
        HoldTimeSeconds = Math.Min(ours, open.HoldTimeSeconds);
        var offered = options.Families;
        Families = [.. offered.Where(open.Capabilities.EffectiveFamilies.Contains)];
        var fourOctet = open.Capabilities.FourOctetAs is not null;
        Context = new BgpUpdateContext(options.LocalAs, open.As == options.LocalAs, fourOctet, open.Capabilities.ExtendedMessage ? 65_535 : 4096);

        // Collision resolution may close this session instead (it then throws).
        _neighbor.OpenReceived(this);
        Volatile.Write(ref _state, (int)BgpSessionState.OpenConfirm);
        Send(BgpMessageEncoder.Keepalive());
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await _stream.WriteAsync(message, _stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastSent, _time.GetTimestamp());
            }

            // Everything sent: hang up our side, and give the peer a moment to read and hang up its own.
            _socket.Shutdown(SocketShutdown.Send);
            _stop.CancelAfter(CloseWait);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(null, "write failed: " + e.Message);
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task TimerLoopAsync()
    {
        try
        {
            while (!IsClosing)
            {
                await Task.Delay(TimerTick, _time, _stop.Token).ConfigureAwait(false);
                var now = _time.GetTimestamp();
                var state = State;
                if (state == BgpSessionState.OpenSent)
                {
                    if (_time.GetElapsedTime(_startedTimestamp, now) > _neighbor.ServiceOptions.OpenWait)
                    {
                        Close(new BgpNotification(BgpError.HoldTimerExpired, 0), "no OPEN from the peer in time");
                    }

                    continue;
                }

                if (HoldTimeSeconds == 0)
                {
                    continue;
                }

                var hold = TimeSpan.FromSeconds(HoldTimeSeconds);
                if (_time.GetElapsedTime(Volatile.Read(ref _lastReceived), now) > hold)
                {
                    Close(new BgpNotification(BgpError.HoldTimerExpired, 0), $"nothing from the peer for {HoldTimeSeconds} s");
                    return;
                }

                if (_time.GetElapsedTime(Volatile.Read(ref _lastSent), now) >= hold / 3)
                {
                    Volatile.Write(ref _lastSent, now);
                    Send(BgpMessageEncoder.Keepalive());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The neighbor's router ID, the service's, or the local IPv4 address of the connection (never 0).</summary>
    private static uint Identifier(BgpNeighbor neighbor, IPAddress local)
    {
        var address = neighbor.Options.RouterId ?? neighbor.ServiceOptions.RouterId ?? (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local);
        var bytes = address.GetAddressBytes();
        var id = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(bytes.Length - 4));
        return id == 0 ? 1 : id;
    }
}
