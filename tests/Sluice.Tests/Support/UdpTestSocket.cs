using System.Net;
using System.Net.Sockets;

namespace Sluice.Tests.Support;

/// <summary>A UDP socket on 127.0.0.1 with an ephemeral port, for receiving what the code under test sends.</summary>
internal sealed class UdpTestSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpTestSocket()
    {
        _socket.ReceiveBufferSize = 8 * 1024 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[65535];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return buffer[..received];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static async Task SendAsync(int port, byte[] datagram)
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await sender.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>A port that was free a moment ago (for child processes that must bind it themselves).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => _socket.Dispose();
}
