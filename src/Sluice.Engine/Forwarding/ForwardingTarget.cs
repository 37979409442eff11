using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// A collector address resolved once, when the session is set: the endpoint for display and its native socket
/// address for sending, so the hot path builds nothing per datagram.
/// </summary>
public sealed class ForwardingTarget
{
    public ForwardingTarget(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
        SocketAddress = EndPoint.Serialize();
        // The runtime keeps a SocketAddress in the platform's sockaddr layout; a pinned copy can go straight to sendto(2).
        NativeAddress = GC.AllocateArray<byte>(SocketAddress.Size, pinned: true);
        SocketAddress.Buffer.Span[..SocketAddress.Size].CopyTo(NativeAddress);
    }

    public IPEndPoint EndPoint { get; }

    public bool IsIPv6 => EndPoint.AddressFamily == AddressFamily.InterNetworkV6;

    internal SocketAddress SocketAddress { get; }

    /// <summary>The sockaddr_in / sockaddr_in6 bytes, pinned for the lifetime of the target.</summary>
    internal byte[] NativeAddress { get; }

    public override string ToString() => EndPoint.ToString();
}
