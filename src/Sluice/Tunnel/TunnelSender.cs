using System.Net;
using System.Net.Sockets;

namespace Sluice.Tunnel;

/// <summary>Reads hex lines and sends each as one UDP datagram; bad lines are reported and skipped.</summary>
internal static class TunnelSender
{
    public static async Task<int> RunAsync(string server, int port, Stream input, TextWriter errors, CancellationToken cancel)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(server, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(server, cancel).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await errors.WriteLineAsync($"sluice tunnel send: cannot resolve {server}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        if (addresses.Length == 0)
        {
            await errors.WriteLineAsync($"sluice tunnel send: {server} has no address").ConfigureAwait(false);
            return 1;
        }

        var target = new IPEndPoint(addresses[0], port);
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var reader = new StreamReader(input);
        var datagram = new byte[65535];
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            var length = HexLine.Decode(line, datagram, out var error);
            if (length < 0)
            {
                await errors.WriteLineAsync($"sluice tunnel send: line {lineNumber} skipped: {error}").ConfigureAwait(false);
                continue;
            }

            try
            {
                await socket.SendToAsync(datagram.AsMemory(0, length), SocketFlags.None, target, cancel).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                // A collector that is not listening yet answers with ICMP unreachable; keep the tunnel up.
                await errors.WriteLineAsync($"sluice tunnel send: line {lineNumber}: {e.Message}").ConfigureAwait(false);
            }
        }

        return 0;
    }
}
