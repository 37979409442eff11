using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Wire;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>The speaker and its sessions, against a router the test plays over loopback TCP.</summary>
public sealed class BgpServiceTests
{
    private const string Router = "127.0.0.2";

    private static readonly FlowSpecRule Seed = FlowSpecRule.Parse(
        new Dictionary<string, string> { ["destination"] = "10.0.0.1/32", ["protocol"] = "=17", ["source-port"] = "=53" },
        new Dictionary<string, string> { ["traffic-rate"] = "0" });

    private static readonly FlowSpecRule SixRule = FlowSpecRule.Parse(
        new Dictionary<string, string> { ["destination"] = "2001:db8::1/128", ["protocol"] = "=17", ["source-port"] = "=53" },
        new Dictionary<string, string> { ["traffic-rate"] = "0" });

    [Fact]
    public async Task Establish_Peer_OffersFamiliesFourOctetAsAndRouteRefresh()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());

        var (peer, open) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var _ = peer;
        var status = await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        Assert.Equal(65000u, open.As);
        Assert.Equal([BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast, BgpFamily.IPv4FlowSpec, BgpFamily.IPv6FlowSpec], open.Capabilities.Families);
        Assert.Equal(65000u, open.Capabilities.FourOctetAs);
        Assert.True(open.Capabilities.RouteRefresh);
        Assert.True(open.Capabilities.ExtendedMessage);
        Assert.Equal([BgpFamily.IPv4FlowSpec, BgpFamily.IPv6FlowSpec], status.Families);
        Assert.Equal(65001u, status.PeerAs);
        Assert.Equal("192.0.2.2", status.PeerRouterId);
    }

    [Fact]
    public async Task AddFlowAndRemoveFlow_Established_AnnounceThenWithdrawTheRule()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = peer;
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        Assert.Equal(BgpChangeResult.Done, bgp.AddFlow(Router, Seed));
        var announced = await peer.ReadUpdateAsync();
        Assert.Equal(BgpChangeResult.Done, bgp.RemoveFlow(Router, Seed.Nlri));
        var withdrawn = await peer.ReadUpdateAsync();

        Assert.Equal(Seed.Nlri, Assert.Single(announced.FlowSpecAnnounced));
        Assert.Equal([0x8006_0000_0000_0000UL], announced.Communities.Extended);
        Assert.Equal(Seed.Nlri, Assert.Single(withdrawn.FlowSpecWithdrawn));
        Assert.Equal(0, bgp.FlowCount(Router));
        Assert.Equal(BgpChangeResult.NotFound, bgp.RemoveFlow(Router, Seed.Nlri));
    }

    [Fact]
    public async Task AddFlow_BeforeTheRouterConnects_IsSentOnceEstablishedAndAgainAfterReconnect()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        Assert.Equal(BgpChangeResult.Done, bgp.AddFlow(Router, Seed));
        Assert.Equal(BgpChangeResult.Done, bgp.AddFlow(Router, SixRule));

        var (first, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        var firstRules = new[] { await first.ReadUpdateAsync(), await first.ReadUpdateAsync() }.SelectMany(u => u.FlowSpecAnnounced).ToList();
        first.Dispose();
        await WaitForAsync(bgp, s => s.State != BgpSessionState.Established);
        var (second, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = second;
        var secondRules = new[] { await second.ReadUpdateAsync(), await second.ReadUpdateAsync() }.SelectMany(u => u.FlowSpecAnnounced).ToList();

        Assert.Equal([Seed.Nlri, SixRule.Nlri], firstRules);
        Assert.Equal([Seed.Nlri, SixRule.Nlri], secondRules);
        Assert.Equal(2, (await WaitForAsync(bgp, s => s.State == BgpSessionState.Established)).EstablishedTransitions);
    }

    [Fact]
    public async Task AddFlow_FamilyNotNegotiated_IsKeptButNotSent()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!, families: BgpFamily.IPv4FlowSpec);
        using var __ = peer;
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        Assert.Equal(BgpChangeResult.Done, bgp.AddFlow(Router, SixRule));
        Assert.Equal(BgpChangeResult.Done, bgp.AddFlow(Router, Seed));

        Assert.Equal(Seed.Nlri, Assert.Single((await peer.ReadUpdateAsync()).FlowSpecAnnounced));
        Assert.Equal(2, bgp.FlowCount(Router));
    }

    [Fact]
    public async Task AddRoute_Blackhole_AnnouncesPrefixNextHopAndCommunity()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!, families: BgpFamily.IPv4Unicast);
        using var __ = peer;
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        var route = BgpRoute.Parse("10.0.0.1", new Dictionary<string, string> { ["nexthop"] = "192.0.2.1", ["communities"] = "65535:666" });
        Assert.Equal(BgpChangeResult.Done, bgp.AddRoute(Router, route));
        var announced = await peer.ReadUpdateAsync();
        Assert.Equal(BgpChangeResult.Done, bgp.RemoveRoute(Router, "10.0.0.1/32"));
        var withdrawn = await peer.ReadUpdateAsync();

        Assert.Equal(IPNetwork.Parse("10.0.0.1/32"), Assert.Single(announced.Announced));
        Assert.Equal([0xFFFF029Au], announced.Communities.Standard);
        Assert.Equal(IPNetwork.Parse("10.0.0.1/32"), Assert.Single(withdrawn.Withdrawn));
    }

    [Fact]
    public async Task RouteRefresh_FromThePeer_SendsTheFamilyAgain()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        bgp.AddFlow(Router, Seed);
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = peer;
        await peer.ReadUpdateAsync();

        await peer.SendAsync(BgpMessageEncoder.RouteRefresh(BgpFamily.IPv4FlowSpec));

        Assert.Equal(Seed.Nlri, Assert.Single((await peer.ReadUpdateAsync()).FlowSpecAnnounced));
    }

    [Fact]
    public async Task Update_RulesFromThePeer_AreCountedAndTheSessionStaysUp()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = peer;

        // What FRR does: it sends our own rule back, with its AS in front.
        await peer.SendAsync(BgpMessageEncoder.Announce(Seed, new BgpUpdateContext(65001, false, true)));
        await peer.SendAsync(BgpMessageEncoder.Withdraw(Seed.Nlri, new BgpUpdateContext(65001, false, true)));
        var status = await WaitForAsync(bgp, s => s.FlowSpecWithdrawn == 1);

        Assert.Equal(BgpSessionState.Established, status.State);
        Assert.Equal(1, status.FlowSpecReceived);
        Assert.Null(status.LastNotificationSent);
    }

    [Theory]
    [InlineData("0000" + "0004" + "40010103", 3, 6)]
    [InlineData("0000" + "0004" + "C0010100", 3, 4)]
    [InlineData("0000" + "0019" + "40010100" + "40020602010000FDE8" + "800E090001850000" + "0501200A", 3, 9)]
    [InlineData("0010" + "0000", 3, 1)]
    public async Task Update_Malformed_GetsTheNotificationAndTheSpeakerCarriesOn(string body, byte code, byte subcode)
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using (peer)
        {
            await peer.SendUpdateAsync(body);
            Assert.Equal((code, subcode), await peer.ReadNotificationAndCloseAsync());
        }

        var (again, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = again;
        var status = await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);
        Assert.StartsWith($"{code}/{subcode} ", status.LastNotificationSent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_BeforeEstablished_IsAFiniteStateMachineError()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        using var peer = await FakeBgpPeer.ConnectAsync(Router, bgp.LocalEndPoint!);
        await peer.ReadAsync(); // the speaker's OPEN

        await peer.SendAsync(BgpMessageEncoder.EndOfRib(BgpFamily.IPv4Unicast));

        Assert.Equal((BgpError.FiniteStateMachine, BgpError.UnexpectedMessageInOpenSent), await peer.ReadNotificationAndCloseAsync());
    }

    [Fact]
    public async Task Open_WrongPeerAs_IsBadPeerAs()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor() with { PeerAs = 65099 });
        using var peer = await FakeBgpPeer.ConnectAsync(Router, bgp.LocalEndPoint!);
        await peer.ReadAsync();

        await peer.SendAsync(new BgpOpenMessage { As = 65001, HoldTimeSeconds = 90, Identifier = 0xC0000202 }.Encode());

        Assert.Equal((BgpError.OpenMessage, BgpError.BadPeerAs), await peer.ReadNotificationAndCloseAsync());
    }

    [Fact]
    public async Task Connect_FromAnAddressThatIsNotANeighbor_IsRejectedWithCease()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());

        using var stranger = await FakeBgpPeer.ConnectAsync("127.0.0.9", bgp.LocalEndPoint!);

        Assert.Equal((BgpError.Cease, BgpError.ConnectionRejected), await stranger.ReadNotificationAndCloseAsync());
        Assert.Equal(1, bgp.RejectedConnections);
    }

    [Fact]
    public async Task Connect_SecondConnectionWhileEstablished_IsClosedAsACollision()
    {
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        var (first, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = first;
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        using var second = await FakeBgpPeer.ConnectAsync(Router, bgp.LocalEndPoint!);
        await second.ReadAsync();
        await second.SendAsync(new BgpOpenMessage { As = 65001, HoldTimeSeconds = 90, Identifier = 0xC0000202 }.Encode());

        Assert.Equal((BgpError.Cease, BgpError.ConnectionCollisionResolution), await second.ReadNotificationAndCloseAsync());
        Assert.Equal(BgpSessionState.Established, bgp.Neighbor(Router)!.State);
    }

    [Fact]
    public async Task HoldTimer_PeerGoesQuiet_ExpiresWithNotification()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bgp = Started(time);
        bgp.AddNeighbor(Neighbor() with { HoldTimeSeconds = 3 });
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!, holdTime: 3);
        using var __ = peer;
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);

        var notification = peer.ReadNotificationAndCloseAsync();
        for (var i = 0; i < 20 && !notification.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(400)); // keepalives go out, nothing comes back
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal((BgpError.HoldTimerExpired, (byte)0), await notification);
    }

    [Fact]
    public async Task Stop_Established_WithdrawsEverythingThenCeases()
    {
        var bgp = Started();
        bgp.AddNeighbor(Neighbor());
        bgp.AddFlow(Router, Seed);
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        using var __ = peer;
        await peer.ReadUpdateAsync();

        var stopping = bgp.DisposeAsync();
        var withdrawn = await peer.ReadUpdateAsync();
        var notification = await peer.ReadNotificationAndCloseAsync();
        await stopping;

        Assert.Equal(Seed.Nlri, Assert.Single(withdrawn.FlowSpecWithdrawn));
        Assert.Equal((BgpError.Cease, BgpError.AdministrativeShutdown), notification);
    }

    [Fact]
    public async Task AddFlow_NotRetainedAndDown_IsRefusedAndForgottenOnClose()
    {
        await using var bgp = Started();
        var opened = new List<string>();
        bgp.AddNeighbor(Neighbor() with { RetainWhenDown = false }, opened.Add);

        var refused = bgp.AddFlow(Router, Seed);
        var (peer, _) = await FakeBgpPeer.EstablishAsync(Router, bgp.LocalEndPoint!);
        await WaitForAsync(bgp, s => s.State == BgpSessionState.Established);
        var accepted = bgp.AddFlow(Router, Seed);
        peer.Dispose();
        await WaitForAsync(bgp, s => s.State != BgpSessionState.Established);

        Assert.Equal(BgpChangeResult.NotEstablished, refused);
        Assert.Equal(BgpChangeResult.Done, accepted);
        Assert.Equal(0, bgp.FlowCount(Router));
        Assert.Equal([Router], opened);
    }

    [Fact]
    public void AddFlow_UnknownNeighbor_SaysSo()
    {
        var bgp = new BgpService(new BgpServiceOptions());

        Assert.Equal(BgpChangeResult.UnknownNeighbor, bgp.AddFlow("192.0.2.99", Seed));
        Assert.Equal(-1, bgp.FlowCount("192.0.2.99"));
        Assert.Null(bgp.Flows("not an address"));
    }

    [Fact]
    public async Task ActiveNeighbor_ConnectsToTheRouter()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.0.0.3"), 0);
        listener.Start();
        await using var bgp = Started();
        bgp.AddNeighbor(Neighbor() with { Address = IPAddress.Parse("127.0.0.3"), ConnectPort = ((IPEndPoint)listener.LocalEndpoint).Port });

        using var accepted = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.Parse("127.0.0.3"), ((IPEndPoint)accepted.LocalEndPoint!).Address);
        var header = new byte[19];
        await accepted.ReceiveAsync(header, TestContext.Current.CancellationToken);
        Assert.Equal((byte)BgpMessageType.Open, header[18]);
    }

    private static BgpNeighborOptions Neighbor() => new()
    {
        Address = IPAddress.Parse(Router),
        LocalAs = 65000,
        RouterId = IPAddress.Parse("192.0.2.1"),
        IPv6Unicast = true,
        FlowSpec = true,
        FlowSpec6 = true,
    };

    private static BgpService Started(TimeProvider? time = null)
    {
        var bgp = new BgpService(new BgpServiceOptions { Listen = true, Port = 0, ListenAddress = IPAddress.Loopback }, time: time);
        bgp.Start();
        return bgp;
    }

    private static async Task<BgpNeighborStatus> WaitForAsync(BgpService bgp, Func<BgpNeighborStatus, bool> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (bgp.Neighbor(Router) is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"neighbor {Router} never reached the expected state: {bgp.Neighbor(Router)}");
    }
}
