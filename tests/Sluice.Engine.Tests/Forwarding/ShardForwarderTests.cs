using Sluice.Engine.Forwarding;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

/// <summary>Raw forwarding sessions as a worker runs them, to real UDP receivers on loopback.</summary>
public sealed class ShardForwarderTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Forward_ThreeSessions_EachReceivesEveryDatagramByteIdentical()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var a = new UdpSink("127.0.0.2");
        using var b = new UdpSink("127.0.0.3");
        using var c = new UdpSink("127.0.0.4");
        foreach (var (name, sink) in new[] { ("A", a), ("B", b), ("C", c) })
        {
            hub.Sessions.Set(name, new ForwardingSpec { Address = sink.Address, Port = sink.Port });
        }

        var forwarder = new ShardForwarder(hub, 0);
        var datagrams = Enumerable.Range(1, 20).Select(i => EngineDatagrams.Mixed("192.0.2.1", (uint)i)).ToArray();

        foreach (var datagram in datagrams)
        {
            forwarder.Forward(datagram);
        }

        forwarder.Flush();

        foreach (var sink in new[] { a, b, c })
        {
            Assert.Equal(datagrams, await sink.ReceiveAsync(datagrams.Length));
        }

        var statistics = hub.Sessions.Get("B")!.Statistics;
        Assert.Equal(20, statistics.Datagrams);
        Assert.Equal(datagrams.Sum(d => (long)d.Length), statistics.Bytes);
        Assert.Equal(0, statistics.Dropped + statistics.RateLimited + statistics.Errors);
    }

    [Fact]
    public async Task Forward_SessionWithAgents_ForwardsOnlyThoseAgents()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Sessions.Set("C", new ForwardingSpec { Address = sink.Address, Port = sink.Port, Agents = ["10.0.0.254"] });
        var forwarder = new ShardForwarder(hub, 0);
        var wanted = EngineDatagrams.Mixed("10.0.0.254", 1);

        forwarder.Forward(EngineDatagrams.Mixed("192.0.2.1", 1));
        forwarder.Forward(wanted);
        forwarder.Forward(EngineDatagrams.Mixed("192.0.2.1", 2));
        forwarder.Forward([1, 2, 3]);
        forwarder.Flush();

        Assert.Equal([wanted], await sink.DrainAsync(Quiet));
    }

    [Fact]
    public async Task Forward_UnparsableDatagram_StillForwardedBySessionWithoutAgents()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Sessions.Set("all", new ForwardingSpec { Address = sink.Address, Port = sink.Port });
        var forwarder = new ShardForwarder(hub, 0);

        forwarder.Forward([0, 0, 0, 9, 1, 2, 3]);
        forwarder.Flush();

        Assert.Equal([new byte[] { 0, 0, 0, 9, 1, 2, 3 }], await sink.ReceiveAsync(1));
    }

    [Fact]
    public async Task Forward_AfterRemove_SendsNothingMore()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Sessions.Set("s", new ForwardingSpec { Address = sink.Address, Port = sink.Port });
        var forwarder = new ShardForwarder(hub, 0);
        var first = EngineDatagrams.Mixed("192.0.2.1", 1);
        forwarder.Forward(first);
        forwarder.Flush();

        hub.Sessions.Remove("s");
        forwarder.Forward(EngineDatagrams.Mixed("192.0.2.1", 2));
        forwarder.Flush();

        Assert.Equal([first], await sink.DrainAsync(Quiet));
    }

    [Fact]
    public async Task Forward_AboveRateCap_DropsAndCountsTheRest()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions { MaxDatagramsPerSecond = 5 });
        using var sink = new UdpSink();
        hub.Sessions.Set("s", new ForwardingSpec { Address = sink.Address, Port = sink.Port });
        var forwarder = new ShardForwarder(hub, 0);

        // Well inside one second: the cap lets five through.
        for (var i = 1; i <= 20; i++)
        {
            forwarder.Forward(EngineDatagrams.Mixed("192.0.2.1", (uint)i));
        }

        forwarder.Flush();

        var received = await sink.DrainAsync(Quiet);
        var statistics = hub.Sessions.Get("s")!.Statistics;
        Assert.InRange(received.Count, 5, 10);
        Assert.Equal(received.Count, statistics.Datagrams);
        Assert.Equal(20 - received.Count, statistics.RateLimited);
    }

    [Fact]
    public async Task Forward_IPv6Session_DeliversOverTheIPv6Socket()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink("::1");
        hub.Sessions.Set("v6", new ForwardingSpec { Address = "::1", Port = sink.Port });
        var forwarder = new ShardForwarder(hub, 0);
        var datagram = EngineDatagrams.Mixed("2001:db8::1", 1);

        forwarder.Forward(datagram);
        forwarder.Flush();

        Assert.Equal([datagram], await sink.ReceiveAsync(1));
    }

    [Fact]
    public async Task Forward_MoreCopiesThanOneBatch_EveryCopyArrivesInOrderOnBothFamilies()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var v4 = new UdpSink("127.0.0.8");
        using var v6 = new UdpSink("::1");
        hub.Sessions.Set("v4", new ForwardingSpec { Address = v4.Address, Port = v4.Port });
        hub.Sessions.Set("v6", new ForwardingSpec { Address = "::1", Port = v6.Port });
        var forwarder = new ShardForwarder(hub, 0);
        var datagrams = Enumerable.Range(1, ForwardingBatch.MaxMessages + 44).Select(i => EngineDatagrams.Mixed("192.0.2.1", (uint)i)).ToArray();

        foreach (var datagram in datagrams)
        {
            forwarder.Forward(datagram);
        }

        forwarder.Flush();

        Assert.Equal(datagrams, await v4.ReceiveAsync(datagrams.Length));
        Assert.Equal(datagrams, await v6.ReceiveAsync(datagrams.Length));
        Assert.Equal(datagrams.Length, hub.Sessions.Get("v6")!.Statistics.Datagrams);
    }
}
