using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Rib;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp.Sessions;

/// <summary>
/// One configured neighbor: its RIB-out (the FlowSpec rules and unicast routes to announce to it), its sessions, and
/// what it reported. Everything that changes the RIB-out or the established session happens under one lock, and
/// messages are queued under it, so an announcement can never overtake the initial dump or a later withdrawal.
/// </summary>
internal sealed class BgpNeighbor : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<FlowSpecNlri, FlowSpecRule> _flows = [];
    private readonly Dictionary<IPNetwork, BgpRoute> _routes = [];
    private readonly List<BgpSession> _sessions = [];
    private readonly List<Task> _running = [];
    private readonly Action<string>? _onOpen;
    private readonly Action<string>? _onClose;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private BgpSession? _established;
    private Task _connecting = Task.CompletedTask;
    private long _stateChangedUnixMs;
    private long _establishedTransitions;
    private long _updatesReceived;
    private long _updatesSent;
    private long _prefixesReceived;
    private long _prefixesWithdrawn;
    private long _flowSpecReceived;
    private long _flowSpecWithdrawn;
    private string? _lastNotificationSent;
    private string? _lastNotificationReceived;
    private string? _lastError;
    private BgpSession? _last;
    private bool _stopped;

    public BgpNeighbor(BgpNeighborOptions options, BgpServiceOptions serviceOptions, Action<string>? onOpen, Action<string>? onClose, Action<string> log, TimeProvider time)
    {
        Options = options;
        ServiceOptions = serviceOptions;
        _onOpen = onOpen;
        _onClose = onClose;
        _log = log;
        _time = time;
        Name = options.Address.ToString();
        RibIn = new BgpRibIn(serviceOptions.MaxLearnedPrefixesPerNeighbor);
        _stateChangedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public BgpNeighborOptions Options { get; }

    public BgpServiceOptions ServiceOptions { get; }

    /// <summary>The unicast routes the peer advertises, kept while its session is established.</summary>
    public BgpRibIn RibIn { get; }

    /// <summary>The neighbor's address as text: how REST paths and scripts name it.</summary>
    public string Name { get; }

    private int OutboxCapacity => (2 * (ServiceOptions.MaxFlowsPerNeighbor + ServiceOptions.MaxRoutesPerNeighbor)) + 1_024;

    /// <summary>Starts connecting, when the neighbor is active.</summary>
    public void Start()
    {
        if (Options.ConnectPort is { } port)
        {
            _connecting = Task.Run(() => ConnectLoopAsync(port));
        }
    }

    /// <summary>Runs a connection the router opened to us.</summary>
    public void Accept(Socket socket)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                socket.Dispose();
                return;
            }

            var session = new BgpSession(this, socket, inbound: true, _time, OutboxCapacity);
            _sessions.Add(session);
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(session.RunAsync));
        }
    }

    /// <param name="holdWhenDown">Keep the rule while the session is down, even for a neighbor that does not retain what
    /// its apps push (REST callers cannot register an open callback to push again).</param>
    public BgpChangeResult AddFlow(FlowSpecRule rule, bool holdWhenDown)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            if (_established is null && !Options.RetainWhenDown && !holdWhenDown)
            {
                return BgpChangeResult.NotEstablished;
            }

            if (!_flows.ContainsKey(rule.Nlri) && _flows.Count >= ServiceOptions.MaxFlowsPerNeighbor)
            {
                return BgpChangeResult.LimitReached;
            }

            _flows[rule.Nlri] = rule;
            if (_established is { } session && session.Families.Contains(rule.Nlri.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Announce(rule, session.Context));
            }

            return BgpChangeResult.Done;
        }
    }

    public BgpChangeResult RemoveFlow(FlowSpecNlri nlri)
    {
        ArgumentNullException.ThrowIfNull(nlri);
        lock (_lock)
        {
            if (!_flows.Remove(nlri))
            {
                return BgpChangeResult.NotFound;
            }

            if (_established is { } session && session.Families.Contains(nlri.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Withdraw(nlri, session.Context));
            }

            return BgpChangeResult.Done;
        }
    }

    public BgpChangeResult AddRoute(BgpRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_lock)
        {
            if (_established is null && !Options.RetainWhenDown)
            {
                return BgpChangeResult.NotEstablished;
            }

            if (!_routes.ContainsKey(route.Prefix) && _routes.Count >= ServiceOptions.MaxRoutesPerNeighbor)
            {
                return BgpChangeResult.LimitReached;
            }

            _routes[route.Prefix] = route;
            if (_established is { } session && session.Families.Contains(route.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Announce(route, session.Context));
            }

            return BgpChangeResult.Done;
        }
    }

    public BgpChangeResult RemoveRoute(IPNetwork prefix)
    {
        lock (_lock)
        {
            if (!_routes.Remove(prefix, out var route))
            {
                return BgpChangeResult.NotFound;
            }

            if (_established is { } session && session.Families.Contains(route.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Withdraw(prefix, session.Context));
            }

            return BgpChangeResult.Done;
        }
    }

    public IReadOnlyList<FlowSpecRule> Flows()
    {
        lock (_lock)
        {
            return [.. _flows.Values];
        }
    }

    public IReadOnlyList<BgpRoute> Routes()
    {
        lock (_lock)
        {
            return [.. _routes.Values];
        }
    }

    public BgpRoute? Route(IPNetwork prefix)
    {
        lock (_lock)
        {
            return _routes.GetValueOrDefault(prefix);
        }
    }

    public int FlowCount
    {
        get
        {
            lock (_lock)
            {
                return _flows.Count;
            }
        }
    }

    public int RouteCount
    {
        get
        {
            lock (_lock)
            {
                return _routes.Count;
            }
        }
    }

    public BgpNeighborStatus Status()
    {
        lock (_lock)
        {
            var session = _established ?? _last;
            var open = session?.PeerOpen;
            return new BgpNeighborStatus
            {
                Address = Name,
                State = CurrentState(),
                StateChangedUnixMs = _stateChangedUnixMs,
                LocalAs = Options.LocalAs,
                PeerAs = open?.As ?? 0,
                PeerRouterId = open is null ? null : IdentifierText(open.Identifier),
                LocalRouterId = session is null ? null : IdentifierText(session.LocalIdentifier),
                Families = session?.Families ?? [],
                HoldTimeSeconds = session?.HoldTimeSeconds ?? 0,
                FourOctetAs = session?.Context.FourOctetAs ?? false,
                ExtendedMessages = session?.Context.MaxMessageLength > 4096,
                EstablishedTransitions = _establishedTransitions,
                FlowCount = _flows.Count,
                RouteCount = _routes.Count,
                UpdatesReceived = _updatesReceived,
                UpdatesSent = _updatesSent,
                PrefixesReceived = _prefixesReceived,
                PrefixesWithdrawn = _prefixesWithdrawn,
                FlowSpecReceived = _flowSpecReceived,
                FlowSpecWithdrawn = _flowSpecWithdrawn,
                LastNotificationSent = _lastNotificationSent,
                LastNotificationReceived = _lastNotificationReceived,
                LastError = _lastError,
            };
        }
    }

    /// <summary>Collision resolution (RFC 4271 §6.8) once the peer's OPEN is in: throws Cease/7 to drop this session.</summary>
    public void OpenReceived(BgpSession session)
    {
        lock (_lock)
        {
            foreach (var other in _sessions)
            {
                if (ReferenceEquals(other, session) || other.IsClosing || other.State is not (BgpSessionState.OpenConfirm or BgpSessionState.Established))
                {
                    continue;
                }

                // An established session stays; otherwise the connection opened by the speaker with the higher identifier stays.
                var keepOther = other.State == BgpSessionState.Established
                    || (session.LocalIdentifier < session.PeerOpen!.Identifier ? other.Inbound : !other.Inbound);
                if (keepOther)
                {
                    throw new BgpProtocolException(BgpError.Cease, BgpError.ConnectionCollisionResolution, "a session with this neighbor already exists");
                }

                other.Close(new BgpNotification(BgpError.Cease, BgpError.ConnectionCollisionResolution), "connection collision resolved for the other connection");
            }
        }
    }

    /// <summary>The session reached Established: everything in the RIB-out goes out, then End-of-RIB per family.</summary>
    public void Established(BgpSession session)
    {
        lock (_lock)
        {
            _established = session;
            _last = session;
            _establishedTransitions++;
            _stateChangedUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            SendAll(session, null);
            foreach (var family in session.Families)
            {
                session.Send(BgpMessageEncoder.EndOfRib(family));
            }
        }

        _log($"BGP session with {Name} established ({session.RemoteEndPoint} AS{session.PeerOpen!.As}, families {string.Join(' ', session.Families)}, hold {session.HoldTimeSeconds} s)");
        Notify(_onOpen);
    }

    /// <summary>The peer asked for a family again (RFC 2918 §4).</summary>
    public void RefreshRequested(BgpSession session, BgpFamily family)
    {
        lock (_lock)
        {
            if (ReferenceEquals(session, _established) && session.Families.Contains(family))
            {
                SendAll(session, family);
            }
        }
    }

    /// <summary>Unicast routes the peer sends go to its Adj-RIB-In; FlowSpec rules (FRR echoes ours back) are only counted.</summary>
    public void UpdateReceived(BgpUpdate update)
    {
        RibIn.Apply(update);
        lock (_lock)
        {
            _updatesReceived++;
            _prefixesReceived += update.Announced.Count;
            _prefixesWithdrawn += update.Withdrawn.Count;
            _flowSpecReceived += update.FlowSpecAnnounced.Count;
            _flowSpecWithdrawn += update.FlowSpecWithdrawn.Count;
        }
    }

    public void NotificationSent(BgpNotification notification)
    {
        lock (_lock)
        {
            _lastNotificationSent = notification.ToString();
        }

        _log($"BGP NOTIFICATION {notification} sent to {Name}");
    }

    public void NotificationReceived(BgpNotification notification)
    {
        lock (_lock)
        {
            _lastNotificationReceived = notification.ToString();
        }

        _log($"BGP NOTIFICATION {notification} received from {Name}");
    }

    public void SessionEnded(BgpSession session, string? error)
    {
        bool wasEstablished;
        lock (_lock)
        {
            _sessions.Remove(session);
            wasEstablished = ReferenceEquals(_established, session);
            if (wasEstablished)
            {
                _established = null;
                RibIn.Clear();
                _stateChangedUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (!Options.RetainWhenDown)
                {
                    _flows.Clear();
                    _routes.Clear();
                }
            }

            if (error is not null && (wasEstablished || _established is null))
            {
                _lastError = error;
            }
        }

        if (wasEstablished)
        {
            _log($"BGP session with {Name} down: {error ?? "closed"}");
            Notify(_onClose);
        }
    }

    /// <summary>
    /// Withdraws everything from the established session, then closes every session with a Cease of
    /// <paramref name="subcode"/>, and waits (briefly) for them to end.
    /// </summary>
    public async Task StopAsync(byte subcode, TimeSpan wait)
    {
        Task[] running;
        lock (_lock)
        {
            _stopped = true;
            if (_established is { } session)
            {
                foreach (var rule in _flows.Values)
                {
                    if (session.Families.Contains(rule.Nlri.Family))
                    {
                        SendUpdate(session, BgpMessageEncoder.Withdraw(rule.Nlri, session.Context));
                    }
                }

                foreach (var route in _routes.Values)
                {
                    if (session.Families.Contains(route.Family))
                    {
                        SendUpdate(session, BgpMessageEncoder.Withdraw(route.Prefix, session.Context));
                    }
                }
            }

            foreach (var open in _sessions)
            {
                open.Close(new BgpNotification(BgpError.Cease, subcode), "stopping");
            }

            running = [.. _running, _connecting];
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(wait, _time)).ConfigureAwait(false);
    }

    /// <summary>Releases the stop signal; call after <see cref="StopAsync"/>.</summary>
    public void Dispose() => _stop.Dispose();

    private BgpSessionState CurrentState()
    {
        if (_established is not null)
        {
            return BgpSessionState.Established;
        }

        // A session turns Established a moment before it is adopted as _established (and its families published):
        // until then it reads as OpenConfirm, so nobody sees Established without the session's families.
        var best = _stopped ? BgpSessionState.Idle : BgpSessionState.Active;
        foreach (var session in _sessions)
        {
            var state = session.State == BgpSessionState.Established ? BgpSessionState.OpenConfirm : session.State;
            if (state > best)
            {
                best = state;
            }
        }

        return best;
    }

    /// <summary>Queues every rule and route (of one family, or all) the session carries.</summary>
    private void SendAll(BgpSession session, BgpFamily? only)
    {
        foreach (var rule in _flows.Values)
        {
            if ((only is null || only == rule.Nlri.Family) && session.Families.Contains(rule.Nlri.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Announce(rule, session.Context));
            }
        }

        foreach (var route in _routes.Values)
        {
            if ((only is null || only == route.Family) && session.Families.Contains(route.Family))
            {
                SendUpdate(session, BgpMessageEncoder.Announce(route, session.Context));
            }
        }
    }

    private void SendUpdate(BgpSession session, byte[] update)
    {
        if (session.Send(update))
        {
            _updatesSent++;
        }
    }

    private async Task ConnectLoopAsync(int port)
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            bool idle;
            lock (_lock)
            {
                idle = _sessions.Count == 0;
            }

            if (idle)
            {
                var socket = new Socket(Options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    if (!string.IsNullOrEmpty(Options.Md5Password))
                    {
                        TcpMd5.Set(socket, Options.Address, Options.Md5Password);
                    }

                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(5));
                    await socket.ConnectAsync(new IPEndPoint(Options.Address, port), timeout.Token).ConfigureAwait(false);
                    BgpSession session;
                    lock (_lock)
                    {
                        if (_stopped)
                        {
                            socket.Dispose();
                            return;
                        }

                        session = new BgpSession(this, socket, inbound: false, _time, OutboxCapacity);
                        _sessions.Add(session);
                    }

                    await session.RunAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    lock (_lock)
                    {
                        _lastError = $"connect to {Options.Address} port {port}: {e.Message}";
                    }
                }
            }

            try
            {
                await Task.Delay(ServiceOptions.ConnectRetry, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Notify(Action<string>? callback)
    {
        try
        {
            callback?.Invoke(Name);
        }
#pragma warning disable CA1031 // a failing callback (a script's) must not take the session down
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log($"BGP neighbor {Name}: callback failed: {e.Message}");
        }
    }

    private static string IdentifierText(uint identifier) =>
        $"{identifier >> 24}.{(identifier >> 16) & 0xFF}.{(identifier >> 8) & 0xFF}.{identifier & 0xFF}";
}
