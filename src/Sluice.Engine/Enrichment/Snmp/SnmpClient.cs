using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv2c GET/GETNEXT client over one UDP socket shared by every request: each request gets its own id, and
/// replies are matched to waiting requests by id (late, foreign or malformed replies are counted and dropped). A
/// request is sent <c>1 + retries</c> times, each waiting <c>timeout</c>; with no reply it fails with
/// <see cref="TimeoutException"/>, so a dead agent costs its caller a bounded wait and no one else anything.
/// </summary>
public sealed class SnmpClient : IDisposable
{
    private readonly Socket _socket;
    private readonly string _community;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly Dictionary<int, TaskCompletionSource<SnmpMessage>> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId = Random.Shared.Next(1, int.MaxValue / 2);
    private long _dropped;

    public SnmpClient(string community, TimeSpan timeout, int retries)
    {
        ArgumentNullException.ThrowIfNull(community);
        _community = community;
        _timeout = timeout;
        _retries = Math.Max(0, retries);
        _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Replies that were malformed or answered no waiting request.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public Task<SnmpMessage> GetAsync(IPEndPoint agent, IReadOnlyList<SnmpOid> oids, CancellationToken cancel = default) =>
        RequestAsync(agent, BerTag.GetRequest, oids, cancel);

    public Task<SnmpMessage> GetNextAsync(IPEndPoint agent, IReadOnlyList<SnmpOid> oids, CancellationToken cancel = default) =>
        RequestAsync(agent, BerTag.GetNextRequest, oids, cancel);

    private async Task<SnmpMessage> RequestAsync(IPEndPoint agent, byte pduType, IReadOnlyList<SnmpOid> oids, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(oids);
        var id = Interlocked.Increment(ref _nextId) & int.MaxValue;
        var request = new SnmpMessage(SnmpMessage.V2c, _community, pduType, id, 0, 0, oids.Select(o => new SnmpVarBind(o, SnmpValue.Null)).ToList()).Encode();
        var reply = new TaskCompletionSource<SnmpMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = reply;
        }

        var target = agent.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(agent.Address.MapToIPv6(), agent.Port) : agent;
        try
        {
            for (var attempt = 0; attempt <= _retries; attempt++)
            {
                await _socket.SendToAsync(request, SocketFlags.None, target, cancel).ConfigureAwait(false);
                try
                {
                    return await reply.Task.WaitAsync(_timeout, cancel).ConfigureAwait(false);
                }
                catch (TimeoutException) when (attempt < _retries)
                {
                    // Retry: UDP may have lost the request or the reply.
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

            TaskCompletionSource<SnmpMessage>? waiting = null;
            try
            {
                var message = SnmpMessage.Decode(buffer.AsMemory(0, received.ReceivedBytes).ToArray());
                lock (_pending)
                {
                    _pending.TryGetValue(message.RequestId, out waiting);
                }

                if (message.PduType == BerTag.Response && waiting is not null)
                {
                    waiting.TrySetResult(message);
                    continue;
                }
            }
            catch (FormatException)
            {
            }

            Interlocked.Increment(ref _dropped);
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
