using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.Wire;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>
/// A router played by the test over a real loopback TCP connection: sends raw messages, reads the speaker's, and can run
/// the OPEN/KEEPALIVE exchange. Connects from its own 127.0.0.x address, which is how the speaker tells neighbors apart.
/// </summary>
internal sealed class FakeBgpPeer : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private FakeBgpPeer(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<FakeBgpPeer> ConnectAsync(string from, IPEndPoint speaker)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        await socket.ConnectAsync(speaker, TestContext.Current.CancellationToken);
        return new FakeBgpPeer(socket);
    }

    /// <summary>Connects, reads the speaker's OPEN, sends ours and a KEEPALIVE, and reads the speaker's KEEPALIVE.</summary>
    public static async Task<(FakeBgpPeer Peer, BgpOpenMessage SpeakerOpen)> EstablishAsync(
        string from, IPEndPoint speaker, uint asNumber = 65001, ushort holdTime = 90, params BgpFamily[] families)
    {
        var peer = await ConnectAsync(from, speaker);
        var (type, body) = await peer.ReadAsync();
        Assert.Equal(BgpMessageType.Open, type);
        var open = BgpOpenMessage.Decode(body);
        await peer.SendAsync(new BgpOpenMessage
        {
            As = asNumber,
            HoldTimeSeconds = holdTime,
            Identifier = 0xC0000202,
            Capabilities = new BgpCapabilities
            {
                Families = families.Length > 0 ? families : [BgpFamily.IPv4FlowSpec, BgpFamily.IPv6FlowSpec],
                FourOctetAs = asNumber,
                RouteRefresh = true,
            },
        }.Encode());
        await peer.SendAsync(BgpMessageEncoder.Keepalive());
        Assert.Equal(BgpMessageType.Keepalive, (await peer.ReadAsync()).Type);
        return (peer, open);
    }

    public async Task SendAsync(byte[] message) => await _stream.WriteAsync(message, TestContext.Current.CancellationToken);

    /// <summary>Sends an UPDATE with this body (the header is added).</summary>
    public Task SendUpdateAsync(string bodyHex)
    {
        var body = Convert.FromHexString(bodyHex);
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Update);
        writer.WriteBytes(body);
        writer.EndMessage(65_535);
        return SendAsync(writer.ToArray());
    }

    /// <summary>The next message; fails the test after 10 s, or when the speaker closes first.</summary>
    public async Task<(BgpMessageType Type, byte[] Body)> ReadAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var header = new byte[19];
        await _stream.ReadExactlyAsync(header, timeout.Token);
        var (type, length) = BgpMessageHeader.Read(header, 65_535);
        var body = new byte[length - 19];
        await _stream.ReadExactlyAsync(body, timeout.Token);
        return (type, body);
    }

    /// <summary>Reads until a message of <paramref name="type"/> (skipping KEEPALIVEs and others).</summary>
    public async Task<byte[]> ReadUntilAsync(BgpMessageType type, Func<byte[], bool>? accept = null)
    {
        while (true)
        {
            var (found, body) = await ReadAsync();
            if (found == type && (accept is null || accept(body)))
            {
                return body;
            }
        }
    }

    /// <summary>The next UPDATE that is not an End-of-RIB marker, decoded.</summary>
    public async Task<BgpUpdate> ReadUpdateAsync()
    {
        var context = new BgpUpdateContext(65001, false, true, 65_535);
        while (true)
        {
            var update = BgpUpdateDecoder.Decode(await ReadUntilAsync(BgpMessageType.Update), context);
            if (update.EndOfRib is null)
            {
                return update;
            }
        }
    }

    /// <summary>The NOTIFICATION the speaker sends (as code/subcode), then checks that it closed the connection.</summary>
    public async Task<(byte Code, byte Subcode)> ReadNotificationAndCloseAsync()
    {
        var body = await ReadUntilAsync(BgpMessageType.Notification);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var rest = new byte[1];
        Assert.Equal(0, await _stream.ReadAtLeastAsync(rest, 1, throwOnEndOfStream: false, timeout.Token));
        return (body[0], body[1]);
    }

    public void Dispose() => _stream.Dispose();
}
