using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// Sends forwarded datagrams from the shard workers: one unconnected UDP socket per address family, shared by every
/// session and tenant. A send never waits: on Linux each is one <c>sendto(2)</c> with <c>MSG_DONTWAIT</c> whose
/// <c>EAGAIN</c> becomes a counted drop (no exception, no allocation); elsewhere the socket is non-blocking.
/// </summary>
internal sealed unsafe partial class DatagramSender : IDisposable
{
    /// <summary>Send buffer asked for (the kernel caps it at net.core.wmem_max): room for bursts before drops.</summary>
    private const int SendBufferBytes = 4 * 1024 * 1024;
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int EAgain = 11;
    private const int ENoBufs = 105;

    private readonly Lock _lock = new();
    private Socket? _v4;
    private Socket? _v6;
    private int _v4Handle = -1;
    private int _v6Handle = -1;
    private bool _disposed;

    private static bool UseSendTo => OperatingSystem.IsLinux();

    /// <summary>Opens the socket for the target's family if it is not open yet (called when a session is set, not per datagram).</summary>
    /// <exception cref="SocketException">The family is not available on this host.</exception>
    public void Prepare(ForwardingTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (target.IsIPv6 && _v6 is null)
            {
                _v6 = Open(AddressFamily.InterNetworkV6);
                Volatile.Write(ref _v6Handle, (int)_v6.SafeHandle.DangerousGetHandle());
            }
            else if (!target.IsIPv6 && _v4 is null)
            {
                _v4 = Open(AddressFamily.InterNetwork);
                Volatile.Write(ref _v4Handle, (int)_v4.SafeHandle.DangerousGetHandle());
            }
        }
    }

    /// <summary>The family's socket descriptor for <c>sendmmsg(2)</c>, or -1 while it is not open (Linux).</summary>
    public int Handle(bool ipv6) => Volatile.Read(ref ipv6 ? ref _v6Handle : ref _v4Handle);

    /// <summary>Sends one datagram to <paramref name="target"/> without blocking.</summary>
    public SendOutcome Send(ReadOnlySpan<byte> datagram, ForwardingTarget target)
    {
        if (UseSendTo)
        {
            var handle = Volatile.Read(ref target.IsIPv6 ? ref _v6Handle : ref _v4Handle);
            return handle < 0 ? SendOutcome.Failed : SendNative(handle, datagram, target.NativeAddress);
        }

        var socket = target.IsIPv6 ? _v6 : _v4;
        if (socket is null)
        {
            return SendOutcome.Failed;
        }

        try
        {
            socket.SendTo(datagram, SocketFlags.None, target.SocketAddress);
            return SendOutcome.Sent;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
        {
            return SendOutcome.WouldBlock;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return SendOutcome.Failed;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Volatile.Write(ref _v4Handle, -1);
            Volatile.Write(ref _v6Handle, -1);
            _v4?.Dispose();
            _v6?.Dispose();
        }
    }

    private static Socket Open(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        try
        {
            socket.SendBufferSize = SendBufferBytes;
        }
        catch (SocketException)
        {
            // Keep the system default: drops are counted either way.
        }

        return socket;
    }

    private static SendOutcome SendNative(int handle, ReadOnlySpan<byte> datagram, byte[] address)
    {
        nint sent;
        fixed (byte* data = datagram)
        fixed (byte* name = address)
        {
            sent = SendTo(handle, data, (nuint)datagram.Length, MsgDontWait | MsgNoSignal, name, (uint)address.Length);
        }

        if (sent >= 0)
        {
            return SendOutcome.Sent;
        }

        return Marshal.GetLastPInvokeError() is EAgain or ENoBufs ? SendOutcome.WouldBlock : SendOutcome.Failed;
    }

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int socket, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}
