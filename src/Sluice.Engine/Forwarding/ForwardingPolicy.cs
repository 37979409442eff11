using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// Checks a requested target before any session or tenant may use it, and opens its channel: an IP literal, a valid
/// port, inside the allow-list, and not the engine's own sFlow port (which would loop every datagram back in).
/// </summary>
internal sealed class ForwardingPolicy
{
    private readonly Func<IPEndPoint?> _localEndPoint;

    public ForwardingPolicy(ForwardingOptions options, DatagramSender sender, int workers, Func<IPEndPoint?> localEndPoint)
    {
        Options = options;
        Sender = sender;
        Workers = Math.Max(1, workers);
        _localEndPoint = localEndPoint;
    }

    public ForwardingOptions Options { get; }

    public DatagramSender Sender { get; }

    public int Workers { get; }

    /// <exception cref="FormatException">The address or port is not valid.</exception>
    /// <exception cref="ForwardingDeniedException">The allow-list does not include the address.</exception>
    public ForwardingChannel Open(string? address, int port)
    {
        if (string.IsNullOrWhiteSpace(address) || !IPAddress.TryParse(address.Trim(), out var ip))
        {
            throw new FormatException($"address '{address}' is not an IP address");
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (port is < 1 or > 65535)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"port {port} is not between 1 and 65535"));
        }

        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast) || IsMulticast(ip))
        {
            throw new FormatException($"address {ip} is not a unicast address");
        }

        if (!Options.Allows(ip))
        {
            throw new ForwardingDeniedException(
                $"forwarding to {ip} is not allowed: forwarding.allow={string.Join(',', Options.Allow)}");
        }

        if (IsSelf(ip, port))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{ip} port {port} is this engine's own sFlow port: forwarding there would loop"));
        }

        var target = new ForwardingTarget(new IPEndPoint(ip, port));
        try
        {
            Sender.Prepare(target);
        }
        catch (SocketException e)
        {
            throw new FormatException($"cannot send to {ip}: {e.Message}", e);
        }

        return new ForwardingChannel(target, Workers, Options.MaxDatagramsPerSecond);
    }

    private static bool IsMulticast(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6
        ? ip.IsIPv6Multicast
        : (ip.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private bool IsSelf(IPAddress ip, int port)
    {
        var local = _localEndPoint();
        if (local is null || local.Port != port)
        {
            return false;
        }

        var bound = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        if (!bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            return bound.Equals(ip);
        }

        if (IPAddress.IsLoopback(ip))
        {
            return true;
        }

        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.Equals(ip))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
