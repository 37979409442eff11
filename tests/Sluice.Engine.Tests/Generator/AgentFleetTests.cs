using Sluice.Engine.Generator;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Generator;

public sealed class AgentFleetTests
{
    private static readonly FleetOptions Small = new()
    {
        Agents = 3,
        Interfaces = 8,
        Hosts = 1,
        PollingIntervalSeconds = 5,
        Seed = 42,
    };

    private static FleetCapture Capture(FleetOptions options, int count)
    {
        var fleet = new AgentFleet(options);
        var buffer = new byte[fleet.MaxDatagramSize];
        var capture = new FleetCapture();
        for (var i = 0; i < count; i++)
        {
            var length = fleet.Fill(buffer, long.MaxValue, out var agent);
            Assert.True(length > 0);
            capture.Add(buffer.AsSpan(0, length));
            Assert.Equal(agent, capture.Datagrams[^1].Header.Agent);
        }

        return capture;
    }

    [Fact]
    public void Fill_DefaultFleet_EveryDatagramDecodesWithValidRecordsAndFitsAnMtu()
    {
        var capture = Capture(new FleetOptions(), 20_000);

        Assert.Empty(capture.Errors);
        Assert.All(capture.Datagrams, d => Assert.InRange(d.Length, 28, 1400));
        Assert.All(capture.Datagrams, d => Assert.InRange(d.Header.SampleCount, 1u, 20u));
        var flowSamples = capture.Samples.Count(s => s.Sample.Kind == SampleKind.Flow);
        var average = (double)flowSamples / capture.Datagrams.Count;
        Assert.InRange(average, 5.5, 8.0);
        Assert.InRange(capture.Datagrams.Average(d => d.Length), 1250, 1400);
    }

    [Fact]
    public void Fill_SequenceNumbers_AreConsecutivePerAgentAndPerDataSource()
    {
        var capture = Capture(Small, 30_000);

        foreach (var agent in capture.Datagrams.GroupBy(d => d.Header.Agent))
        {
            var numbers = agent.Select(d => d.Header.SequenceNumber).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (uint)n), numbers);
            var uptimes = agent.Select(d => d.Header.Uptime).ToList();
            Assert.True(uptimes.Zip(uptimes.Skip(1)).All(p => p.Second >= p.First));
        }

        var sources = capture.Samples.GroupBy(s => (s.Agent, s.Sample.Kind, s.Sample.SourceIdClass, s.Sample.SourceIdIndex));
        Assert.True(sources.Count() > 30);
        foreach (var source in sources)
        {
            var numbers = source.Select(s => s.Sample.SequenceNumber).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (uint)n), numbers);
            if (source.Key.Kind == SampleKind.Flow)
            {
                var pools = source.Select(s => s.Sample.SamplePool).ToList();
                Assert.True(pools.Zip(pools.Skip(1)).All(p => p.Second > p.First));
            }
        }
    }

    [Fact]
    public void Fill_InterfaceCounters_GrowWithTimeAndAgreeWithTheFlowSamples()
    {
        var capture = Capture(Small, 60_000);
        var switchAgent = SflowAddress.FromIPv4([10, 250, 0, 1]);
        var counters = capture.Samples
            .Where(s => s.Agent == switchAgent && s.Sample.Kind == SampleKind.Counters)
            .GroupBy(s => s.Sample.SourceIdIndex)
            .ToList();
        Assert.Equal(8, counters.Count);

        double counterBytes = 0, seconds = 0;
        foreach (var port in counters)
        {
            var polls = port.ToList();
            Assert.True(polls.Count >= 3, $"port {port.Key}: {polls.Count} polls");
            for (var i = 1; i < polls.Count; i++)
            {
                var elapsed = (polls[i].Uptime - polls[i - 1].Uptime) / 1000.0;
                Assert.InRange(elapsed, 4.9, 5.1); // the polling interval
                var octets = polls[i].InOctets - polls[i - 1].InOctets;
                Assert.True(polls[i].InOctets >= polls[i - 1].InOctets);
                Assert.True(octets * 8 / elapsed <= polls[i].Speed, "utilisation above 100 %");
                var packets = unchecked(polls[i].InUcastPackets - polls[i - 1].InUcastPackets); // 32-bit wrap
                Assert.InRange(packets, octets / 2000.0, octets / 60.0);
            }

            counterBytes += polls[^1].InOctets - polls[0].InOctets;
            seconds = Math.Max(seconds, (polls[^1].Uptime - polls[0].Uptime) / 1000.0);
        }

        // What the flow samples say went in (frames x sampling rate) matches the counters within sampling error.
        var flows = capture.Samples.Where(s => s.Agent == switchAgent && s.Sample.Kind == SampleKind.Flow).ToList();
        var flowSeconds = (flows[^1].Uptime - flows[0].Uptime) / 1000.0;
        var flowBytesPerSecond = flows.Sum(s => (double)(s.FrameLength - 4) * s.Sample.SamplingRate) / flowSeconds;
        var counterBytesPerSecond = counterBytes / seconds;
        Assert.InRange(flowBytesPerSecond / counterBytesPerSecond, 0.8, 1.25);
    }

    [Fact]
    public void Fill_HostAgent_ReportsHostAndContainerCounters()
    {
        var capture = Capture(Small, 30_000);
        var host = SflowAddress.FromIPv4([10, 251, 0, 1]);
        var samples = capture.Samples.Where(s => s.Agent == host && s.Sample.Kind == SampleKind.Counters).ToList();

        var physical = samples.First(s => s.Sample.SourceIdClass == 2 && s.Sample.SourceIdIndex == 1);
        uint[] hostRecords = [2000, 2003, 2004, 2005, 2006];
        Assert.Equal(hostRecords, physical.RecordTags);
        var containers = samples.Where(s => s.Sample.SourceIdClass == 3).Select(s => s.Sample.SourceIdIndex).Distinct();
        Assert.Equal([1u, 2u, 3u], containers.Order());
        uint[] containerRecords = [2000, 2002, 2101, 2102, 2103, 2104];
        Assert.Equal(containerRecords, samples.First(s => s.Sample.SourceIdClass == 3).RecordTags);
        Assert.Contains(capture.Samples, s => s.Agent == host && s.Sample.Kind == SampleKind.Flow);
    }

    [Fact]
    public void Fill_TrafficMix_FollowsTheConfiguredShares()
    {
        var mix = new TrafficMix { Web = 0.5, Dns = 0.2, Ssh = 0.1, Ntp = 0.05, Icmp = 0.05, Other = 0.1 };
        var capture = Capture(new FleetOptions { Agents = 4, Hosts = 0, Mix = mix, Seed = 3 }, 20_000);
        var flows = capture.Samples.Where(s => s.Sample.Kind == SampleKind.Flow).ToList();

        double Share(Func<FleetCapture.CapturedSample, bool> match) => flows.Count(match) / (double)flows.Count;
        bool Port(FleetCapture.CapturedSample s, int port) => s.SourcePort == port || s.DestinationPort == port;

        Assert.InRange(Share(s => s.Protocol is 6 or 17 && (Port(s, 443) || Port(s, 80))), 0.45, 0.55);
        Assert.InRange(Share(s => s.Protocol == 17 && Port(s, 53)), 0.17, 0.23);
        Assert.InRange(Share(s => s.Protocol == 6 && Port(s, 22)), 0.08, 0.12);
        Assert.InRange(Share(s => s.Protocol == 17 && Port(s, 123)), 0.035, 0.065);
        Assert.InRange(Share(s => s.Protocol is 1 or 58), 0.035, 0.065);
        Assert.Contains(flows, s => s.IpVersion == 6);
        Assert.Contains(flows, s => s.DnsName == "www.wikipedia.org" || s.DnsName == "sflow.org" || s.DnsName == "pypi.org");

        // Handshakes and teardowns are there, a minority next to ACKs.
        var tcp = flows.Where(s => s.Protocol == 6).ToList();
        Assert.InRange(tcp.Count(s => s.TcpFlags == 0x02) / (double)tcp.Count, 0.005, 0.03);
        Assert.InRange(tcp.Count(s => s.TcpFlags == 0x12) / (double)tcp.Count, 0.005, 0.03);
        Assert.Contains(tcp, s => s.TcpFlags == 0x11);
        Assert.True(tcp.Count(s => s.TcpFlags == 0x10) > tcp.Count / 2);
    }

    [Theory]
    [InlineData("dns-amplification:10.0.0.1", 17, 53, 0)]
    [InlineData("ntp-amplification:10.0.0.1", 17, 123, 0)]
    [InlineData("memcached-amplification:2001:db8::1", 17, 11211, 0)]
    [InlineData("syn-flood:10.0.0.1", 6, 0, 80)]
    public void Fill_Attack_IsItsShareOfTheSamplesTowardsTheTarget(string attack, byte protocol, int sourcePort, int destinationPort)
    {
        var flood = AttackTraffic.Parse(attack, 0.25);
        var capture = Capture(new FleetOptions { Agents = 2, Hosts = 0, Seed = 5, Attack = flood }, 5_000);
        var flows = capture.Samples.Where(s => s.Sample.Kind == SampleKind.Flow).ToList();

        var attacking = flows.Where(s => s.Destination == flood.Target.ToString()).ToList();

        Assert.Empty(capture.Errors);
        Assert.InRange(attacking.Count / (double)flows.Count, 0.22, 0.28);
        Assert.All(attacking, s => Assert.Equal(protocol, s.Protocol));
        Assert.All(attacking, s => Assert.True(sourcePort == 0 ? s.DestinationPort == destinationPort && s.TcpFlags == 0x02 : s.SourcePort == sourcePort && s.FrameLength >= 1200));
        Assert.InRange(attacking.Select(s => s.Sample.SourceIdIndex).Distinct().Count(), 2, 48);
    }

    [Fact]
    public void Fill_HeavyHitters_CarryMostOfTheBytes()
    {
        var capture = Capture(new FleetOptions { Agents = 2, Hosts = 0, Seed = 9 }, 10_000);
        var flows = capture.Samples.Where(s => s.Sample.Kind == SampleKind.Flow).ToList();
        var byPair = flows
            .GroupBy(s => (Math.Min(s.SourcePort, s.DestinationPort), Math.Max(s.SourcePort, s.DestinationPort), s.Protocol))
            .Select(g => g.Sum(s => (double)s.FrameLength))
            .OrderDescending()
            .ToList();
        Assert.True(byPair.Take(20).Sum() > 0.5 * byPair.Sum(), "the top 20 conversations should carry most bytes");
    }

    [Fact]
    public void Fill_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        static byte[] Run(ulong seed)
        {
            var fleet = new AgentFleet(new FleetOptions { Seed = seed });
            var buffer = new byte[fleet.MaxDatagramSize];
            using var all = new MemoryStream();
            for (var i = 0; i < 3000; i++)
            {
                all.Write(buffer, 0, fleet.Fill(buffer, long.MaxValue, out _));
            }

            return all.ToArray();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Fill_SteadyState_AllocatesNothing()
    {
        var fleet = new AgentFleet(new FleetOptions());
        var buffer = new byte[fleet.MaxDatagramSize];
        for (var i = 0; i < 20_000; i++)
        {
            fleet.Fill(buffer, long.MaxValue, out _);
        }

        var total = 0L;
        SteadyState.AssertAllocatesNothing(30_000, _ => total += fleet.Fill(buffer, long.MaxValue, out SflowAddress _));
        Assert.True(total > 3 * 30_000 * 1000L);
    }

    [Fact]
    public void Fill_ByTime_SendsTheNaturalRateAndNothingEarly()
    {
        var fleet = new AgentFleet(new FleetOptions { Seed = 11 });
        var buffer = new byte[fleet.MaxDatagramSize];
        var count = 0;
        while (fleet.Fill(buffer, 10_000, out _) > 0)
        {
            count++;
            Assert.True(fleet.LastDatagramMs <= 10_000);
        }

        Assert.Equal(0, fleet.Fill(buffer, 10_000, out var none));
        Assert.Equal(default, none);
        Assert.True(fleet.NextDueMs > 10_000);
        Assert.InRange(count / 10.0, fleet.NaturalDatagramsPerSecond * 0.8, fleet.NaturalDatagramsPerSecond * 1.25);
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentFleet(new FleetOptions { Agents = 0, Hosts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentFleet(new FleetOptions { SamplingRate = 0 }));
        Assert.Throws<ArgumentException>(() => new AgentFleet(new FleetOptions()).Fill(new byte[100], 0, out _));
    }
}
