using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMP GET/GETNEXT client over one UDP socket shared by every request: SNMPv2c with a community, or SNMPv3 with a
/// USM user (authNoPriv or authPriv; the agent's engine is discovered once and remembered). Each request gets its own
/// id, and replies are matched to waiting requests by id (late, foreign, forged or malformed replies are counted and
/// dropped). A request is sent <c>1 + retries</c> times, each waiting <c>timeout</c>; with no reply it fails with
/// <see cref="TimeoutException"/>, so a dead agent costs its caller a bounded wait and no one else anything.
/// </summary>
public sealed class SnmpClient : IDisposable
{
    /// <summary>Agents whose SNMPv3 engines are remembered; beyond it the longest-known is forgotten (and rediscovered if asked again).</summary>
    public const int MaxEngines = 20_000;

    private readonly Socket _socket;
    private readonly string _community;
    private readonly UsmSession? _usm;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly Dictionary<int, TaskCompletionSource<byte[]>> _pending = [];
    private readonly Dictionary<IPEndPoint, UsmEngine> _engines = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId = Random.Shared.Next(1, int.MaxValue / 2);
    private long _dropped;

    /// <summary>An SNMPv2c client.</summary>
    public SnmpClient(string community, TimeSpan timeout, int retries)
        : this(community, null, timeout, retries)
    {
    }

    /// <summary>An SNMPv3 client for one USM user.</summary>
    /// <exception cref="FormatException">The user's settings cannot work (see <see cref="SnmpV3User.Validated"/>).</exception>
    public SnmpClient(SnmpV3User user, TimeSpan timeout, int retries)
        : this(string.Empty, new UsmSession(user ?? throw new ArgumentNullException(nameof(user))), timeout, retries)
    {
    }

    private SnmpClient(string community, UsmSession? usm, TimeSpan timeout, int retries)
    {
        ArgumentNullException.ThrowIfNull(community);
        _community = community;
        _usm = usm;
        _timeout = timeout;
        _retries = Math.Max(0, retries);
        _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Replies that were malformed, forged or answered no waiting request.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <exception cref="TimeoutException">No (valid) reply after every attempt.</exception>
    /// <exception cref="SnmpReportException">An SNMPv3 agent refused the request (unknown user, wrong keys, ...).</exception>
    public Task<SnmpMessage> GetAsync(IPEndPoint agent, IReadOnlyList<SnmpOid> oids, CancellationToken cancel = default) =>
        RequestAsync(agent, BerTag.GetRequest, oids, cancel);

    /// <inheritdoc cref="GetAsync"/>
    public Task<SnmpMessage> GetNextAsync(IPEndPoint agent, IReadOnlyList<SnmpOid> oids, CancellationToken cancel = default) =>
        RequestAsync(agent, BerTag.GetNextRequest, oids, cancel);

    private async Task<SnmpMessage> RequestAsync(IPEndPoint agent, byte pduType, IReadOnlyList<SnmpOid> oids, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(oids);
        var binds = oids.Select(o => new SnmpVarBind(o, SnmpValue.Null)).ToList();
        if (_usm is null)
        {
            var id = NextId();
            var request = new SnmpMessage(SnmpMessage.V2c, _community, pduType, id, 0, 0, binds).Encode();
            return await ExchangeAsync(agent, id, request, datagram => SnmpMessage.Decode(datagram), cancel).ConfigureAwait(false);
        }

        var engine = await EngineAsync(agent, cancel).ConfigureAwait(false);

        // A second try when the agent's clock moved (it reboots, or our estimate drifted): the signed Report resynced it.
        for (var attempt = 0; ; attempt++)
        {
            var id = NextId();
            var request = _usm.Request(engine, id, new SnmpMessage(SnmpMessage.V3, string.Empty, pduType, id, 0, 0, binds));
            var reply = await ExchangeAsync(agent, id, request, datagram => _usm.Reply(datagram, engine), cancel).ConfigureAwait(false);
            if (reply.PduType != BerTag.Report)
            {
                return reply;
            }

            var timeWindow = reply.VarBinds.Any(b => b.Oid.Equals(UsmSession.NotInTimeWindows));
            if (timeWindow && attempt == 0)
            {
                continue;
            }

            if (!timeWindow)
            {
                // Wrong user or keys, or another engine now answers at this address: discover afresh next time.
                Forget(agent);
            }

            throw UsmSession.ReportError(reply);
        }
    }

    /// <summary>The agent's SNMPv3 engine: remembered, or discovered now with an unauthenticated request (RFC 3414 §4).</summary>
    private async Task<UsmEngine> EngineAsync(IPEndPoint agent, CancellationToken cancel)
    {
        lock (_engines)
        {
            if (_engines.TryGetValue(agent, out var known))
            {
                return known;
            }
        }

        var id = NextId();
        var security = await ExchangeAsync(agent, id, UsmSession.Discovery(id), UsmSession.SecurityOf, cancel).ConfigureAwait(false);
        var engine = _usm!.Engine(security);
        lock (_engines)
        {
            if (_engines.Count >= MaxEngines)
            {
                _engines.Remove(_engines.MinBy(e => e.Value.SyncedAt).Key);
            }

            _engines[agent] = engine;
        }

        return engine;
    }

    private void Forget(IPEndPoint agent)
    {
        lock (_engines)
        {
            _engines.Remove(agent);
        }
    }

    private int NextId() => Interlocked.Increment(ref _nextId) & int.MaxValue;

    /// <summary>Sends until a reply that <paramref name="decode"/> accepts arrives; replies it rejects count as dropped.</summary>
    private async Task<T> ExchangeAsync<T>(IPEndPoint agent, int id, byte[] request, Func<byte[], T> decode, CancellationToken cancel)
    {
        var target = agent.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(agent.Address.MapToIPv6(), agent.Port) : agent;
        try
        {
            for (var attempt = 0; attempt <= _retries; attempt++)
            {
                var reply = Register(id);
                await _socket.SendToAsync(request, SocketFlags.None, target, cancel).ConfigureAwait(false);
                try
                {
                    var datagram = await reply.Task.WaitAsync(_timeout, cancel).ConfigureAwait(false);
                    try
                    {
                        return decode(datagram);
                    }
                    catch (FormatException)
                    {
                        // Forged, corrupted or not decryptable: as good as no reply.
                        Interlocked.Increment(ref _dropped);
                    }
                }
                catch (TimeoutException) when (attempt < _retries)
                {
                    // Retry: UDP may have lost the request or the reply.
                }
                catch (TimeoutException)
                {
                    break;
                }
            }

            throw new TimeoutException($"SNMP: no reply from {agent}");
        }
        finally
        {
            lock (_pending)
            {
                _pending.Remove(id);
            }
        }
    }

    private TaskCompletionSource<byte[]> Register(int id)
    {
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = reply;
        }

        return reply;
    }

    /// <summary>
    /// The id a reply answers: SNMPv3's msgID, or the PDU's request-id for community messages (which must be a Response).
    /// </summary>
    private static int? ReplyId(ReadOnlyMemory<byte> datagram)
    {
        var outer = new BerReader(datagram).ReadConstructed(BerTag.Sequence);
        if (outer.ReadInteger() == SnmpMessage.V3)
        {
            return SnmpV3Message.Decode(datagram).MessageId;
        }

        var message = SnmpMessage.Decode(datagram);
        return message.PduType == BerTag.Response ? message.RequestId : null;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65_535];
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP port-unreachable from an earlier send surfaces here on Linux; the request just times out.
                continue;
            }

            var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            TaskCompletionSource<byte[]>? waiting = null;
            try
            {
                if (ReplyId(datagram) is { } id)
                {
                    lock (_pending)
                    {
                        _pending.TryGetValue(id, out waiting);
                    }
                }
            }
            catch (FormatException)
            {
            }

            if (waiting is null || !waiting.TrySetResult(datagram))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; nothing of it is still needed.
        }

        _stop.Dispose();
    }
}
