using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Sluice.Engine.Bgp.Sessions;

/// <summary>
/// TCP MD5 signatures (RFC 2385) through Linux's <c>TCP_MD5SIG</c> socket option: a key per peer address, set on the
/// listening socket before the peer connects (accepted sockets inherit it) or on an outgoing socket before
/// <c>connect</c>. The kernel then signs every segment and drops unsigned or wrongly signed ones from that peer.
/// </summary>
internal static class TcpMd5
{
    /// <summary>TCP_MD5_SIG_MAXKEYLEN in linux/tcp.h.</summary>
    public const int MaxKeyLength = 80;

    private const int IpProtoTcp = 6;
    private const int TcpMd5Sig = 14; // linux/tcp.h
    private const int SockaddrStorage = 128;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Checks a neighbor's key before anything is changed: Linux only, at most 80 bytes.</summary>
    /// <exception cref="PlatformNotSupportedException">A key is given and this is not Linux.</exception>
    /// <exception cref="ArgumentException">The key is longer than 80 bytes.</exception>
    public static void Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("TCP MD5 signatures (bgp.password) need Linux");
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyLength)
        {
            throw new ArgumentException($"a TCP MD5 key is at most {MaxKeyLength} bytes", nameof(key));
        }
    }

    /// <summary>Installs <paramref name="key"/> for <paramref name="peer"/> on <paramref name="socket"/>; an empty key removes it.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="ArgumentException">The key is longer than 80 bytes.</exception>
    /// <exception cref="SocketException">The kernel refused (built without TCP_MD5SIG, or removing a key that is not there).</exception>
    public static void Set(Socket socket, IPAddress peer, string key)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(key);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("TCP MD5 signatures (bgp.password) need Linux");
        }

        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length > MaxKeyLength)
        {
            throw new ArgumentException($"a TCP MD5 key is at most {MaxKeyLength} bytes", nameof(key));
        }

        // struct tcp_md5sig { sockaddr_storage addr; u8 flags; u8 prefixlen; u16 keylen; u32 ifindex; u8 key[80]; }
        Span<byte> option = stackalloc byte[SockaddrStorage + 8 + MaxKeyLength];
        option.Clear();
        var address = socket.AddressFamily == AddressFamily.InterNetworkV6 ? peer.MapToIPv6() : peer.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // sockaddr_in6: family (host order), port, flowinfo, address at offset 8.
            MemoryMarshal.Write(option, AfInet6);
            address.TryWriteBytes(option.Slice(8, 16), out _);
        }
        else
        {
            // sockaddr_in: family (host order), port, address at offset 4.
            MemoryMarshal.Write(option, AfInet);
            address.TryWriteBytes(option.Slice(4, 4), out _);
        }

        MemoryMarshal.Write(option[(SockaddrStorage + 2)..], (ushort)keyBytes.Length);
        keyBytes.CopyTo(option[(SockaddrStorage + 8)..]);
        socket.SetRawSocketOption(IpProtoTcp, TcpMd5Sig, option);
    }
}
