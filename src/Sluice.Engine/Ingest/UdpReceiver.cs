using System.Net;
using System.Net.Sockets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Receives sFlow on one UDP socket (dual-stack unless bound to one address) on a dedicated thread and hands
/// each datagram to the sink. Nothing here allocates per datagram: one receive buffer, one socket address.
/// </summary>
public sealed class UdpReceiver : IDisposable
{
    private const int MaxDatagram = 65535;

    private readonly Socket _socket;
    private readonly IDatagramSink _sink;
    private readonly SourceAllowList? _allowList;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _received;
    private long _bytes;

    public UdpReceiver(EngineOptions options, IDatagramSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowList = options.AllowedSources.Count == 0 ? null : new SourceAllowList(options.AllowedSources, sink);
        _sink = _allowList ?? sink;
        var address = string.IsNullOrEmpty(options.SflowHostname)
            ? (Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any)
            : IPAddress.Parse(options.SflowHostname);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (address.Equals(IPAddress.IPv6Any))
        {
            _socket.DualMode = true;
        }

        // The kernel caps this at net.core.rmem_max; what was granted is reported as ReceiveBufferBytes.
        _socket.ReceiveBufferSize = options.ReceiveBufferBytes;
        _socket.Bind(new IPEndPoint(address, options.SflowPort));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        ReceiveBufferBytes = _socket.ReceiveBufferSize;
        _thread = new Thread(Run) { IsBackground = true, Name = "sflow-receiver" };
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The receive buffer the kernel granted (Linux reports twice the usable size).</summary>
    public int ReceiveBufferBytes { get; }

    public long Received => Volatile.Read(ref _received);

    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Datagrams dropped because their source is not in <see cref="EngineOptions.AllowedSources"/>; counted in <see cref="Received"/> too.</summary>
    public long Rejected => _allowList?.Rejected ?? 0;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        // The receive loop wakes at least every receive timeout, sees the flag and ends; only then is the
        // socket closed, so its descriptor cannot be reused under a receive in progress.
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }

        _socket.Dispose();
    }

    private void Run()
    {
        _socket.ReceiveTimeout = 250;
        if (LinuxBatchReceiver.IsSupported)
        {
            RunBatched();
            return;
        }

        var buffer = new byte[MaxDatagram];
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_stopping)
            {
                // The receive timeout, or ICMP errors on some systems: keep receiving.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Volatile.Write(ref _received, _received + 1);
            Volatile.Write(ref _bytes, _bytes + length);
            var source = Source(from);
            _sink.Submit(buffer.AsSpan(0, length), source, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>recvmmsg on Linux; the receive timeout lets the loop notice <see cref="Dispose"/>.</summary>
    private void RunBatched()
    {
        using var batch = new LinuxBatchReceiver(_socket);
        long bytes = 0;
        while (!_stopping)
        {
            var received = batch.Receive(_sink, ref bytes);
            if (received < 0)
            {
                return;
            }

            if (received > 0)
            {
                Volatile.Write(ref _received, _received + received);
                Volatile.Write(ref _bytes, bytes);
            }
        }
    }

    /// <summary>The sender from a raw sockaddr (in/in6), v4-mapped IPv6 turned back into IPv4.</summary>
    private static SflowAddress Source(SocketAddress address)
    {
        // Native sockaddr_in / sockaddr_in6 layout: the IPv4 address at offset 4, the IPv6 address at offset 8.
        var raw = address.Buffer.Span;
        if (address.Family == AddressFamily.InterNetwork)
        {
            return SflowAddress.FromIPv4(raw.Slice(4, 4));
        }

        var v6 = raw.Slice(8, 16);
        return v6[..10].IndexOfAnyExcept((byte)0) < 0 && v6[10] == 0xff && v6[11] == 0xff
            ? SflowAddress.FromIPv4(v6[12..])
            : SflowAddress.FromIPv6(v6);
    }
}
