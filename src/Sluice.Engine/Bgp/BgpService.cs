using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Sessions;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp;

/// <summary>
/// The BGP speaker (sflow-rt-api.md §8): neighbors, each with a RIB-out of FlowSpec rules (RFC 8955/8956) and unicast
/// routes; a passive listener for routers that connect (<c>bgp.start</c>, <c>bgp.port</c>); optional active connects.
/// This is the surface REST and the scripting host share: sFlow-RT's <c>bgpAddNeighbor</c>, <c>bgpAddFlow</c>,
/// <c>bgpRemoveFlow</c>, <c>bgpFlowCount</c>, <c>bgpAddRoute</c>, <c>bgpRemoveRoute</c> and <c>bgpRouteCount</c> map
/// one to one onto its methods. Unicast routes routers send are kept per neighbor (<see cref="LearnedRoutes"/>);
/// FlowSpec rules they send are checked and counted, never installed.
/// </summary>
public sealed class BgpService : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, BgpNeighbor> _neighbors = [];
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _rejected;
    private int _stopped;

    public BgpService(BgpServiceOptions options, Action<string>? log = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _log = log ?? (_ => { });
        _time = time ?? TimeProvider.System;
    }

    public BgpServiceOptions Options { get; }

    /// <summary>Where the listener accepts sessions, once started with <see cref="BgpServiceOptions.Listen"/>; else null.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Connections from addresses that are not neighbors, refused with Cease/Connection Rejected.</summary>
    public long RejectedConnections => Interlocked.Read(ref _rejected);

    /// <summary>Opens the listener (when <see cref="BgpServiceOptions.Listen"/>) and starts active neighbors.</summary>
    /// <exception cref="SocketException">The port cannot be bound.</exception>
    public void Start()
    {
        if (Options.Listen && _listener is null)
        {
            var address = Options.ListenAddress ?? (Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any);
            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(address, Options.Port));
            lock (_lock)
            {
                // Keys must be on the listener before the peer's SYN: accepted sockets inherit them.
                foreach (var neighbor in _neighbors.Values)
                {
                    SetListenerKey(listener, neighbor.Options.Address, neighbor.Options.Md5Password, replacing: false);
                }

                _listener = listener;
            }

            listener.Listen(64);
            LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
            _accepting = Task.Run(AcceptLoopAsync);
            _log($"BGP listening on {LocalEndPoint}");
        }
    }

    /// <summary>
    /// sFlow-RT's <c>bgpAddNeighbor</c>: configures (or replaces) the neighbor at <see cref="BgpNeighborOptions.Address"/>.
    /// <paramref name="onOpen"/> and <paramref name="onClose"/> get the neighbor's address when its session reaches or
    /// leaves Established; they run on the session's thread and must return quickly. False when the neighbor limit is reached.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">A TCP MD5 password is given and this is not Linux.</exception>
    /// <exception cref="ArgumentException">The TCP MD5 password is longer than 80 bytes.</exception>
    public bool AddNeighbor(BgpNeighborOptions options, Action<string>? onOpen = null, Action<string>? onClose = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sessions.TcpMd5.Validate(options.Md5Password);
        var address = Normalize(options.Address);
        var neighbor = new BgpNeighbor(options with { Address = address }, Options, onOpen, onClose, _log, _time);
        BgpNeighbor? replaced;
        lock (_lock)
        {
            if (Volatile.Read(ref _stopped) != 0 || (!_neighbors.ContainsKey(address) && _neighbors.Count >= Options.MaxNeighbors))
            {
                return false;
            }

            _neighbors.Remove(address, out replaced);
            _neighbors[address] = neighbor;
            if (_listener is not null)
            {
                SetListenerKey(_listener, address, options.Md5Password, replacing: !string.IsNullOrEmpty(replaced?.Options.Md5Password));
            }
        }

        if (replaced is not null)
        {
            _ = StopAndDisposeAsync(replaced, 6); // Cease/Other Configuration Change (RFC 4486)
        }

        neighbor.Start();
        return true;
    }

    /// <summary>Removes a neighbor: withdraws what it was sent and closes its session (Cease/Peer De-configured).</summary>
    public async Task<bool> RemoveNeighborAsync(string router)
    {
        BgpNeighbor? neighbor;
        lock (_lock)
        {
            if (!TryParse(router, out var address) || !_neighbors.Remove(address, out neighbor))
            {
                return false;
            }

            if (_listener is not null && !string.IsNullOrEmpty(neighbor.Options.Md5Password))
            {
                SetListenerKey(_listener, address, null, replacing: true);
            }
        }

        await StopAndDisposeAsync(neighbor, BgpError.PeerDeconfigured).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every neighbor's status, ordered by address.</summary>
    public IReadOnlyList<BgpNeighborStatus> Neighbors()
    {
        BgpNeighbor[] neighbors;
        lock (_lock)
        {
            neighbors = [.. _neighbors.Values];
        }

        return [.. neighbors.Select(n => n.Status()).OrderBy(s => s.Address, StringComparer.Ordinal)];
    }

    public BgpNeighborStatus? Neighbor(string router) => Find(router)?.Status();

    /// <summary>sFlow-RT's <c>bgpAddFlow</c>: announces (or replaces, same match) a FlowSpec rule to <paramref name="router"/>.</summary>
    /// <exception cref="FormatException">The rule does not fit a 4,096-octet UPDATE.</exception>
    public BgpChangeResult AddFlow(string router, FlowSpecRule rule) => AddFlow(router, rule, holdWhenDown: false);

    /// <summary>
    /// As <see cref="AddFlow(string, FlowSpecRule)"/>; with <paramref name="holdWhenDown"/> the rule is kept while the
    /// session is not established and announced when it is, whatever the neighbor's
    /// <see cref="BgpNeighborOptions.RetainWhenDown"/> (the REST API's PUT, like the DDoS controls).
    /// </summary>
    /// <exception cref="FormatException">The rule does not fit a 4,096-octet UPDATE.</exception>
    public BgpChangeResult AddFlow(string router, FlowSpecRule rule, bool holdWhenDown)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CheckSize(() => BgpMessageEncoder.Announce(rule, new BgpUpdateContext(uint.MaxValue, false, false)));
        return Find(router)?.AddFlow(rule, holdWhenDown) ?? BgpChangeResult.UnknownNeighbor;
    }

    /// <summary>sFlow-RT's <c>bgpRemoveFlow</c>: withdraws the rule with this match (the actions are not compared).</summary>
    public BgpChangeResult RemoveFlow(string router, FlowSpecNlri match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Find(router)?.RemoveFlow(match) ?? BgpChangeResult.UnknownNeighbor;
    }

    /// <summary>sFlow-RT's <c>bgpFlowCount</c>; -1 for an unknown neighbor.</summary>
    public int FlowCount(string router) => Find(router)?.FlowCount ?? -1;

    /// <summary>The rules kept for <paramref name="router"/>; null for an unknown neighbor.</summary>
    public IReadOnlyList<FlowSpecRule>? Flows(string router) => Find(router)?.Flows();

    /// <summary>sFlow-RT's <c>bgpAddRoute</c>: announces (or replaces, same prefix) a unicast route.</summary>
    public BgpChangeResult AddRoute(string router, BgpRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return Find(router)?.AddRoute(route) ?? BgpChangeResult.UnknownNeighbor;
    }

    /// <summary>sFlow-RT's <c>bgpRemoveRoute</c>: withdraws the route for <paramref name="prefix"/> (<c>10.0.0.1</c> is a /32).</summary>
    /// <exception cref="FormatException"><paramref name="prefix"/> is not an address or prefix.</exception>
    public BgpChangeResult RemoveRoute(string router, string prefix) =>
        Find(router)?.RemoveRoute(BgpPrefixes.Parse(prefix)) ?? BgpChangeResult.UnknownNeighbor;

    /// <summary>sFlow-RT's <c>bgpRouteCount</c>; -1 for an unknown neighbor.</summary>
    public int RouteCount(string router) => Find(router)?.RouteCount ?? -1;

    /// <summary>The routes kept for <paramref name="router"/>; null for an unknown neighbor.</summary>
    public IReadOnlyList<BgpRoute>? Routes(string router) => Find(router)?.Routes();

    /// <summary>The unicast routes <paramref name="router"/> advertises (its Adj-RIB-In); null for an unknown neighbor.</summary>
    public Rib.BgpRibIn? LearnedRoutes(string router) => Find(router)?.RibIn;

    /// <summary>The route for exactly <paramref name="prefix"/>; null when there is none (or no such neighbor).</summary>
    public BgpRoute? Route(string router, IPNetwork prefix) => Find(router)?.Route(prefix);

    /// <summary>
    /// Stops: every established session withdraws what it announced and closes with Cease/Administrative Shutdown; the
    /// listener closes. Waits up to a few seconds for the peers to take the withdrawals.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        BgpNeighbor[] neighbors;
        lock (_lock)
        {
            neighbors = [.. _neighbors.Values];
        }

        await Task.WhenAll(neighbors.Select(n => StopAndDisposeAsync(n, BgpError.AdministrativeShutdown))).ConfigureAwait(false);
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }

                // Out of descriptors or the like: pause rather than spin.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var remote = Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);
            BgpNeighbor? neighbor;
            lock (_lock)
            {
                _neighbors.TryGetValue(remote, out neighbor);
            }

            if (neighbor is null)
            {
                Interlocked.Increment(ref _rejected);
                _log($"BGP connection from {remote} refused: not a neighbor");
                _ = RejectAsync(socket);
                continue;
            }

            neighbor.Accept(socket);
        }
    }

    /// <summary>Installs (or, with no password, removes when one was there) the neighbor's TCP MD5 key on the listener.</summary>
    private static void SetListenerKey(Socket listener, IPAddress address, string? password, bool replacing)
    {
        if (!string.IsNullOrEmpty(password) || replacing)
        {
            Sessions.TcpMd5.Set(listener, address, password ?? string.Empty);
        }
    }

    private static async Task StopAndDisposeAsync(BgpNeighbor neighbor, byte ceaseSubcode)
    {
        await neighbor.StopAsync(ceaseSubcode, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        neighbor.Dispose();
    }

    /// <summary>Cease/Connection Rejected (RFC 4486), then close.</summary>
    private static async Task RejectAsync(Socket socket)
    {
        try
        {
            var notification = BgpMessageEncoder.Notification(new BgpNotification(BgpError.Cease, BgpError.ConnectionRejected));
            await socket.SendAsync(notification).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private BgpNeighbor? Find(string router)
    {
        if (!TryParse(router, out var address))
        {
            return null;
        }

        lock (_lock)
        {
            return _neighbors.GetValueOrDefault(address);
        }
    }

    private static bool TryParse(string router, out IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(router);
        if (IPAddress.TryParse(router.Trim(), out var parsed))
        {
            address = Normalize(parsed);
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static void CheckSize(Action encode)
    {
        try
        {
            encode();
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
