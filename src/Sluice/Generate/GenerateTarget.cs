using System.Globalization;
using System.Net;

namespace Sluice.Generate;

/// <summary>
/// Parses and vets <c>--target</c>. The generator sends as fast as asked, so pointed at a real collector or a
/// wrong address it is a flood: by default only loopback (127.0.0.0/8, ::1) is allowed, and anything else
/// needs <c>--allow-remote</c>, an explicit decision by whoever runs it.
/// </summary>
internal static class GenerateTarget
{
    public const int DefaultPort = 6343;

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>; null with a reason when it cannot.</summary>
    public static IPEndPoint? Parse(string text, out string? error)
    {
        error = null;
        var host = text;
        var port = DefaultPort;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': missing ']'";
                return null;
            }

            host = text[1..close];
            if (close + 1 < text.Length && !TryPort(text[(close + 1)..], out port))
            {
                error = $"'{text}': bad port";
                return null;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            if (!TryPort(text[colon..], out port))
            {
                error = $"'{text}': bad port";
                return null;
            }
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses[0], port);
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
        }

        error = $"'{host}': not an address and does not resolve";
        return null;
    }

    public static bool IsAllowed(IPEndPoint target, bool allowRemote) => allowRemote || IPAddress.IsLoopback(target.Address);

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && text[0] == ':' && port is > 0 and <= 65535;
}
