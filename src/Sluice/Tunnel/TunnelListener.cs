using System.Net;
using System.Net.Sockets;

namespace Sluice.Tunnel;

/// <summary>Receives UDP datagrams and writes each one as a line of lower-case hex, flushed at once.</summary>
internal static class TunnelListener
{
    private const int MaxDatagram = 65535;

    /// <summary>Runs until cancelled (exit 0) or until stdout is closed, the ssh pipe gone (exit 1).</summary>
    public static async Task<int> RunAsync(
        TunnelListenerOptions options,
        Stream output,
        TextWriter errors,
        CancellationToken cancel,
        Action<IPEndPoint>? bound = null)
    {
        using var socket = Bind(options, errors);
        if (socket is null)
        {
            return 1;
        }

        bound?.Invoke((IPEndPoint)socket.LocalEndPoint!);
        var datagram = new byte[MaxDatagram];
        var line = new byte[(MaxDatagram * 2) + 1];
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var received = await socket.ReceiveFromAsync(datagram, SocketFlags.None, any, cancel).ConfigureAwait(false);
                var length = HexLine.Encode(datagram.AsSpan(0, received.ReceivedBytes), line);
                await output.WriteAsync(line.AsMemory(0, length), cancel).ConfigureAwait(false);
                await output.FlushAsync(cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException e)
        {
            // The reader (ssh) closed the pipe: nothing more can be forwarded. Fail, as sflow_fwd.py does (its
            // BrokenPipeError ends Python with status 1), so a supervisor sees the tunnel is down.
            errors.WriteLine($"sluice tunnel listen: cannot write to stdout: {e.Message}");
            return 1;
        }

        return 0;
    }

    private static Socket? Bind(TunnelListenerOptions options, TextWriter errors)
    {
        IPAddress address;
        if (string.IsNullOrEmpty(options.BindAddress))
        {
            address = Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
        }
        else if (!IPAddress.TryParse(options.BindAddress, out address!))
        {
            errors.WriteLine($"sluice tunnel listen: '{options.BindAddress}' is not an IP address");
            return null;
        }

        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.Bind(new IPEndPoint(address, options.Port));
            return socket;
        }
        catch (SocketException e)
        {
            errors.WriteLine($"sluice tunnel listen: cannot bind {address} port {options.Port}: {e.Message}");
            socket.Dispose();
            return null;
        }
    }
}
