using System.Net;
using System.Net.Sockets;

namespace Sluice.Tests.Support;

/// <summary>Free TCP ports on loopback for peers that must be told their port up front.</summary>
internal static class TcpTestPort
{
    public static int Free(string address = "127.0.0.1")
    {
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
