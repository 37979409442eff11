using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Bgp;
using Sluice.Engine.Ddos;
using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Ddos;

/// <summary>The built-in DDoS protection over a real engine fed with sFlow, its BGP neighbor kept without a session.</summary>
public sealed class DdosProtectTests
{
    private const string Router = "127.0.0.2";
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly Sflow.Xdr.SflowAddress Sender = EngineDatagrams.Address("127.0.0.1");

    // Three reflectors answer from port 53 to the protected 10.0.0.1; a resolver answers a private client (not protected).
    private static readonly (string, string, uint)[] Amplification =
        [("8.8.8.8", "10.0.0.1", 1400), ("1.1.1.1", "10.0.0.1", 1400), ("9.9.9.9", "10.0.0.1", 1400), ("8.8.4.4", "10.0.0.1", 1400)];

    private static readonly (string, string, uint)[] Normal = [("8.8.8.8", "10.9.9.9", 200)];

    [Fact]
    public async Task Event_UdpAmplificationOnAProtectedAddress_PushesTheDropRuleThenReleasesItAfterTheTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        await using var setup = await Setup.StartAsync(time, Options("filter"));

        // 4 samples × 100 every 100 ms: 4,000 packets/s to 10.0.0.1 from port 53; the threshold is 1,000.
        await setup.FeedAsync(Now, 20, 53, Amplification);
        await setup.FeedAsync(Now, 20, 53, Normal, agent: "192.0.2.20");
        setup.Engine.Thresholds.Check(Now + 2000);
        var control = Assert.Single(setup.Ddos.Controls());
        var rule = Assert.Single(setup.Bgp.Flows(Router)!);

        time.Advance(TimeSpan.FromSeconds(2));
        setup.Ddos.Tick();
        var stillThere = setup.Ddos.Controls().Count;

        // The attack stopped at +2 s: the rate decays below the threshold, the threshold re-arms, the 3 s timeout has passed.
        time.Advance(TimeSpan.FromSeconds(10));
        setup.Engine.Thresholds.Check(Now + 12_000);
        setup.Engine.Thresholds.Check(Now + 13_500);
        setup.Ddos.Tick();

        Assert.Equal(("udp_amplification", "10.0.0.1", "local", "53", "4", "filter"), (control.Attack, control.Target, control.Group, control.Protocol, control.IpVersion, control.Action));
        Assert.Equal(4, control.Attackers);
        Assert.Equal(1500, control.PacketSize, 1.0); // avg:ipbytes reads the IP total length the packets carry
        Assert.Equal("failed", control.Status); // the router has no session in this test
        Assert.Equal(Now + 2000, control.Time);
        Assert.Equal(new Dictionary<string, string> { ["protocol"] = "=17", ["source-port"] = "=53", ["destination"] = "10.0.0.1", ["version"] = "4" }, rule.Match);
        Assert.Equal(new Dictionary<string, string> { ["traffic-rate"] = "0" }, rule.Then);
        Assert.Equal(1, stillThere);
        Assert.Empty(setup.Ddos.Controls());
        Assert.Empty(setup.Bgp.Flows(Router)!);
        var past = Assert.Single(setup.Ddos.History());
        Assert.Equal("released", past.Status);
        Assert.Equal(Now + 12_000, past.Released);
    }

    [Fact]
    public async Task Event_DropAction_PushesABlackholeRoute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        await using var setup = await Setup.StartAsync(time, Options("drop"));

        await setup.FeedAsync(Now, 20, 53, Amplification);
        setup.Engine.Thresholds.Check(Now + 2000);

        var route = Assert.Single(setup.Bgp.Routes(Router)!);
        Assert.Equal(IPNetwork.Parse("10.0.0.1/32"), route.Prefix);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), route.NextHop);
        Assert.Equal([0xFFFF029Au], route.Communities.Standard);
        Assert.Empty(setup.Bgp.Flows(Router)!);
    }

    [Fact]
    public async Task Event_ManualMode_WaitsForConfirmation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        await using var setup = await Setup.StartAsync(time, Options("filter") with { Automatic = false });

        await setup.FeedAsync(Now, 20, 53, Amplification);
        setup.Engine.Thresholds.Check(Now + 2000);
        var pending = Assert.Single(setup.Ddos.Controls());
        var pushedBefore = setup.Bgp.FlowCount(Router);
        var confirmed = setup.Ddos.Confirm(pending.Id);
        var pushedAfter = setup.Bgp.FlowCount(Router);
        var ignored = setup.Ddos.Ignore(pending.Id);

        Assert.Equal("pending", pending.Status);
        Assert.Equal(0, pushedBefore);
        Assert.True(confirmed);
        Assert.Equal(1, pushedAfter);
        Assert.True(ignored);
        Assert.Equal(0, setup.Bgp.FlowCount(Router));
        Assert.Equal("ignored", Assert.Single(setup.Ddos.History()).Status);
        Assert.False(setup.Ddos.Confirm("c99"));
    }

    [Fact]
    public async Task Event_IgnoredAttackOrUnprotectedAddress_DoesNothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        await using var setup = await Setup.StartAsync(time, Options("ignore"));

        await setup.FeedAsync(Now, 20, 53, Amplification);
        await setup.FeedAsync(Now, 20, 53, Normal, agent: "192.0.2.20");
        var events = setup.Engine.Thresholds.Check(Now + 2000);

        Assert.Single(events); // 10.0.0.1 crosses; 10.9.9.9 is private, so its flow is never counted
        Assert.Empty(setup.Ddos.Controls());
        Assert.Equal(0, setup.Bgp.FlowCount(Router));
    }

    [Fact]
    public void Signatures_EveryFlowDefinition_Compiles()
    {
        var options = Options("filter");
        var engine = new SluiceEngine(new EngineOptions { Shards = 1, ThresholdInterval = TimeSpan.Zero });
        var groups = new FlowGroups();
        using var ddos = new DdosProtect(engine, new BgpService(new BgpServiceOptions()), groups, options);

        ddos.Start();

        Assert.Equal(DdosSignature.All.Select(s => s.Name).Order(), engine.Flows.Names.Order());
        Assert.Equal(16, engine.Thresholds.All().Count);
    }

    private static DdosProtectOptions Options(string action) => new()
    {
        Routers = [Router],
        Automatic = true,
        EnableFlowSpec = true,
        ThresholdSeconds = 1,
        Groups = new Dictionary<string, IReadOnlyList<string>>(DdosProtectOptions.DefaultGroups()) { ["local"] = ["10.0.0.0/24"] },
        Attacks = new Dictionary<string, DdosAttackSettings>(DdosProtectOptions.DefaultAttacks())
        {
            ["udp_amplification"] = new DdosAttackSettings { Threshold = 1000, TimeoutMinutes = 0.05, Action = action },
        },
    };

    private sealed class Setup : IAsyncDisposable
    {
        private Setup(SluiceEngine engine, BgpService bgp, DdosProtect ddos)
        {
            Engine = engine;
            Bgp = bgp;
            Ddos = ddos;
        }

        public SluiceEngine Engine { get; }

        public BgpService Bgp { get; }

        public DdosProtect Ddos { get; }

        public static Task<Setup> StartAsync(TimeProvider time, DdosProtectOptions options)
        {
            var groups = new FlowGroups();
            var engine = new SluiceEngine(new EngineOptions { Shards = 1, ThresholdInterval = TimeSpan.Zero }, new FlowLanguageServices { Groups = groups });
            engine.Start(listen: false);
            var bgp = new BgpService(new BgpServiceOptions());
            var ddos = new DdosProtect(engine, bgp, groups, options, time: time);
            ddos.Start();
            return Task.FromResult(new Setup(engine, bgp, ddos));
        }

        /// <summary>A datagram every 100 ms from <paramref name="start"/>, with these packets at 1 in 100.</summary>
        public async Task FeedAsync(long start, uint datagrams, ushort sourcePort, (string, string, uint)[] packets, string agent = "192.0.2.10")
        {
            for (uint i = 0; i < datagrams; i++)
            {
                var datagram = EngineDatagrams.UdpFlows(agent, i + 1, 100, 3, sourcePort, 40000, packets);
                Assert.True(Engine.Ingest.Submit(datagram, Sender, start + (i * 100)));
            }

            await Engine.DrainAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            Ddos.Dispose();
            await Bgp.DisposeAsync();
            await Engine.DisposeAsync();
        }
    }
}
