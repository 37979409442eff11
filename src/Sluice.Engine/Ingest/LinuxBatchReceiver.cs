using System.Net.Sockets;
using System.Runtime.InteropServices;
using Sluice.Sflow.Xdr;
using static Sluice.Engine.Ingest.LinuxMessageHeaders;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Linux <c>recvmmsg(2)</c>: up to <see cref="Batch"/> datagrams per system call, into native buffers allocated
/// once. At a quarter of a million datagrams a second the per-call cost of one receive per datagram is what
/// limits a core; batching is how sflowtool's successors and the shared udpsink reach line rate.
/// </summary>
internal sealed unsafe partial class LinuxBatchReceiver : IDisposable
{
    public const int Batch = 32;
    private const int MaxDatagram = 65536;
    private const int NameSize = 32; // room for sockaddr_in6 (28 bytes)
    private const int MsgWaitForOne = 0x10000;
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int EIntr = 4;
    private const int EAgain = 11;

    private readonly Socket _socket;
    private readonly byte* _buffers;
    private readonly byte* _names;
    private readonly IoVec* _iovecs;
    private readonly MMsgHdr* _messages;

    public LinuxBatchReceiver(Socket socket)
    {
        _socket = socket;
        _buffers = (byte*)NativeMemory.Alloc((nuint)(Batch * MaxDatagram));
        _names = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * NameSize));
        _iovecs = (IoVec*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(IoVec)));
        _messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(MMsgHdr)));
        for (var i = 0; i < Batch; i++)
        {
            _iovecs[i].Base = _buffers + (i * MaxDatagram);
            _iovecs[i].Length = MaxDatagram;
            _messages[i].Header.Name = _names + (i * NameSize);
            _messages[i].Header.IoVec = &_iovecs[i];
            _messages[i].Header.IoVecLength = 1;
        }
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>
    /// Waits for at least one datagram (or the socket's receive timeout) and hands each received one to
    /// <paramref name="sink"/>. Returns the count, 0 on timeout or interruption, -1 when the socket is gone.
    /// </summary>
    public int Receive(IDatagramSink sink, ref long bytes)
    {
        for (var i = 0; i < Batch; i++)
        {
            _messages[i].Header.NameLength = NameSize;
        }

        int received;
        try
        {
            received = RecvMMsg((int)_socket.SafeHandle.DangerousGetHandle(), _messages, Batch, MsgWaitForOne, null);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }

        if (received < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is EIntr or EAgain ? 0 : -1;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < received; i++)
        {
            var length = (int)_messages[i].Length;
            bytes += length;
            var datagram = new ReadOnlySpan<byte>(_buffers + (i * MaxDatagram), length);
            sink.Submit(datagram, Source(new ReadOnlySpan<byte>(_names + (i * NameSize), NameSize)), now);
        }

        return received;
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffers);
        NativeMemory.Free(_names);
        NativeMemory.Free(_iovecs);
        NativeMemory.Free(_messages);
    }

    /// <summary>The sender from a native sockaddr (family in host order), v4-mapped IPv6 as IPv4.</summary>
    private static SflowAddress Source(ReadOnlySpan<byte> name)
    {
        var family = MemoryMarshal.Read<ushort>(name);
        if (family == AfInet)
        {
            return SflowAddress.FromIPv4(name.Slice(4, 4));
        }

        if (family != AfInet6)
        {
            return default;
        }

        var v6 = name.Slice(8, 16);
        return v6[..10].IndexOfAnyExcept((byte)0) < 0 && v6[10] == 0xff && v6[11] == 0xff
            ? SflowAddress.FromIPv4(v6[12..])
            : SflowAddress.FromIPv6(v6);
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMMsg(int socket, MMsgHdr* messages, uint count, int flags, void* timeout);
}
