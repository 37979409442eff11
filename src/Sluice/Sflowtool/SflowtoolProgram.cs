using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflowtool;

/// <summary>
/// <c>sluice sflowtool</c>: sflowtool 6.11's command line, inputs and outputs (shared/design/sflowtool.md),
/// with the corrections listed in this folder's README. Exit codes are sflowtool's (its negative exit values as
/// the shell sees them), plus 2 for the options sluice does not implement.
/// </summary>
internal static class SflowtoolProgram
{
    private const int MaxDatagram = 65536;
    private const int SocketBufferSize = 2_000_000;

    public static int Run(string[] args, Stream input, Stream output, TextWriter errors) =>
        Run(args, input, output, errors, CancellationToken.None);

    /// <summary>Runs until the input ends (or forever on a socket, until <paramref name="cancellation"/>).</summary>
    /// <param name="timeZone">sflowtool prints local time; tests pass UTC here instead of relying on TZ.</param>
    public static int Run(string[] args, Stream input, Stream output, TextWriter errors, CancellationToken cancellation, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(errors);
        var options = SflowtoolCommandLine.Parse(args, errors, out var exitCode);
        if (options is null)
        {
            return exitCode;
        }

        options.TimeZone = timeZone ?? TimeZoneInfo.Local;
        return options.ReadPcap is not null
            ? RunPcap(options, input, output, errors, cancellation)
            : RunSockets(options, output, errors, cancellation);
    }

    private static int RunPcap(SflowtoolOptions options, Stream input, Stream output, TextWriter errors, CancellationToken cancellation)
    {
        var name = options.ReadPcap!;
        var first = true;
        using var session = new SflowtoolSession(options, output, errors);
        while (true)
        {
            Stream stream;
            try
            {
                stream = name == "-" ? input : new FileStream(name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Write($"cannot open {name} : {Describe(e)}\n");
                return 255; // exit(-1)
            }

            var status = ReadOnce(options, name, stream, session, errors, printHeader: first, cancellation);
            first = false;
            if (status != 0 || options.Playback == 0 || name == "-" || cancellation.IsCancellationRequested)
            {
                session.Flush();
                return status;
            }
        }
    }

    // One pass over the capture; with -P the records are released at their (scaled) capture times.
    private static int ReadOnce(SflowtoolOptions options, string name, Stream stream, SflowtoolSession session, TextWriter errors, bool printHeader, CancellationToken cancellation)
    {
        var header = new byte[24];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length)
        {
            errors.Write($"unable to read pcap header from {name} : Success\n");
            return 226; // exit(-30)
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic is not (0xa1b2c3d4 or 0xd4c3b2a1 or 0xa1b23c4d or 0x4d3cb2a1))
        {
            errors.Write(string.Create(CultureInfo.InvariantCulture, $"{name} not recognized as a tcpdump file\n(magic number = {magic:x8} instead of a1b2c3d4)\n"));
            return 225; // exit(-31)
        }

        using var reader = new PcapUdpReader(new SflowtoolPrefixedStream(header, stream), new PcapUdpReaderOptions());
        var pcap = reader.Pcap;
        if (printHeader)
        {
            errors.Write(string.Create(CultureInfo.InvariantCulture, $"pcap version={pcap.VersionMajor}.{pcap.VersionMinor} snaplen={(int)pcap.SnapLength} linktype={pcap.LinkType} \n"));
        }

        long truncated = 0;
        long startRecordMs = -1;
        long nextRecordMs = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (!cancellation.IsCancellationRequested && reader.TryRead(out var datagram))
            {
                for (; truncated < reader.Truncated; truncated++)
                {
                    errors.Write("incomplete datagram (pcap snaplen too short)\n");
                }

                if (options.Playback > 0)
                {
                    var recordMs = datagram.TimestampNs / 1_000_000;
                    if (startRecordMs < 0)
                    {
                        startRecordMs = nextRecordMs = recordMs;
                    }

                    nextRecordMs = Math.Max(nextRecordMs, recordMs); // never goes backwards, as in sflowtool
                    var dueMs = (long)((nextRecordMs - startRecordMs) / options.Playback);
                    var waitMs = dueMs - clock.ElapsedMilliseconds;
                    if (waitMs > 0)
                    {
                        session.Flush();
                        cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(waitMs));
                    }
                }

                session.FromPcap(datagram.Payload.Span, datagram.TimestampNs);
            }
        }
        catch (PcapFormatException e)
        {
            session.Flush();
            errors.Write($"unable to read pcap packet from {name} : {e.Message}\n");
            return 222; // exit(-34)
        }

        for (; truncated < reader.Truncated; truncated++)
        {
            errors.Write("incomplete datagram (pcap snaplen too short)\n");
        }

        return 0;
    }

    private static int RunSockets(SflowtoolOptions options, Stream output, TextWriter errors, CancellationToken cancellation)
    {
        var sockets = new List<Socket>(2);
        try
        {
            if (options.Listen6 && Open(options, AddressFamily.InterNetworkV6, errors) is { } socket6)
            {
                sockets.Add(socket6);
            }

            if (options.Listen4 || (sockets.Count == 0 && !options.ListenControlled))
            {
                if (Open(options, AddressFamily.InterNetwork, errors) is { } socket4)
                {
                    sockets.Add(socket4);
                }
            }

            if (sockets.Count == 0)
            {
                errors.Write("unable to open UDP read socket\n");
                return 249; // exit(-7)
            }

            using var session = new SflowtoolSession(options, output, errors) { Live = true };
            var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
            var v6 = new SocketAddress(AddressFamily.InterNetworkV6);
            var v4 = new SocketAddress(AddressFamily.InterNetwork);
            var ready = new List<Socket>(2);
            while (!cancellation.IsCancellationRequested)
            {
                ready.Clear();
                ready.AddRange(sockets);
                try
                {
                    Socket.Select(ready, null, null, 100_000);
                }
                catch (SocketException e)
                {
                    errors.Write($"select() returned -1: {e.Message}\n");
                    if (!options.KeepGoing)
                    {
                        return 247; // exit(-9)
                    }

                    Thread.Sleep(1000);
                    continue;
                }

                foreach (var socket in ready)
                {
                    var address = socket.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4;
                    int length;
                    try
                    {
                        length = socket.ReceiveFrom(buffer, SocketFlags.None, address);
                    }
                    catch (SocketException e)
                    {
                        errors.Write($"recvfrom() failed, {e.Message}\n");
                        continue;
                    }

                    if (length <= 0)
                    {
                        continue;
                    }

                    session.FromSocket(buffer.AsSpan(0, length), Source(address), DateTimeOffset.UtcNow);
                }
            }

            return 0;
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static Socket? Open(SflowtoolOptions options, AddressFamily family, TextWriter errors)
    {
        var v6 = family == AddressFamily.InterNetworkV6;
        var address = v6 ? IPAddress.IPv6Any : IPAddress.Any;
        if (options.ListenAddress is not null)
        {
            if (!IPAddress.TryParse(options.ListenAddress, out var parsed) || parsed.AddressFamily != family)
            {
                errors.Write($"could not parse '{options.ListenAddress}' as an IPv{(v6 ? 6 : 4)} address\n");
                return null;
            }

            address = parsed;
        }

        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (v6)
            {
                // Linux's default (bindv6only=0): IPv4 senders arrive as v4-mapped addresses on the IPv6 socket.
                socket.DualMode = true;
            }

            RequestBuffer(socket, v6 ? "sflow/v6 in" : "sflow/v4 in", errors);
            socket.Bind(new IPEndPoint(address, options.Port));
            return socket;
        }
        catch (SocketException e)
        {
            errors.Write($"v{(v6 ? 6 : 4)} bind() failed, port = {options.Port} : {e.Message}\n");
            socket.Dispose();
            return null;
        }
    }

    // sflowtool asks for a 2 MB receive buffer and says so when the kernel grants less.
    private static void RequestBuffer(Socket socket, string description, TextWriter errors)
    {
        var current = socket.ReceiveBufferSize;
        if (current > SocketBufferSize)
        {
            errors.Write($"requestSocketBuffer({description}): already have {current}\n");
            return;
        }

        try
        {
            socket.ReceiveBufferSize = SocketBufferSize;
        }
        catch (SocketException e)
        {
            errors.Write($"requestSocketBuffer({description}): setsockopt(req={SocketBufferSize}) failed: {e.Message}\n");
        }

        current = socket.ReceiveBufferSize;
        if (current < SocketBufferSize)
        {
            errors.Write($"requestSocketBuffer({description}): requested {SocketBufferSize}, but only got {current}\n");
        }
    }

    /// <summary>The sender as sflowtool prints it: v4-mapped (and v4-compatible) IPv6 addresses become IPv4.</summary>
    private static SflowAddress Source(SocketAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.Family == AddressFamily.InterNetwork)
        {
            for (var i = 0; i < 4; i++)
            {
                bytes[i] = address[4 + i];
            }

            return SflowAddress.FromIPv4(bytes[..4]);
        }

        for (var i = 0; i < 16; i++)
        {
            bytes[i] = address[8 + i];
        }

        var mapped = bytes[..10].IndexOfAnyExcept((byte)0) < 0 && ((bytes[10] == 0xFF && bytes[11] == 0xFF) || (bytes[10] == 0 && bytes[11] == 0));
        return mapped ? SflowAddress.FromIPv4(bytes[12..]) : SflowAddress.FromIPv6(bytes);
    }

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
