using Sluice.Engine.Agents;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Agents;

/// <summary>
/// Agent bookkeeping as a shard worker runs it, against what real networks and hostile senders do: agents reboot,
/// datagrams arrive late or twice, and a datagram's agent field need not be its UDP source.
/// </summary>
public sealed class AgentStateTests : IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private const long Poll = 10_000;
    private static readonly SflowAddress AgentA = EngineDatagrams.Address("192.0.2.1");
    private readonly Shard _shard;

    public AgentStateTests()
    {
        _shard = new Shard(0, new EngineOptions(), () => _shard!.AgentCount);
    }

    public void Dispose() => _shard.Dispose();

    [Theory]
    [InlineData(1u)]
    [InlineData(100_000u)]
    public void ObserveDatagram_AgentReboots_CountsARestartAndPublishesNoBogusRate(uint firstSequence)
    {
        // 50 polls at 1,000 packets/s of a 32-bit counter close to wrapping: after the reboot it starts again near
        // zero, which modulo 2^32 looks like a plausible delta of 294 million packets.
        for (var i = 0u; i < 50; i++)
        {
            Send(AgentA, firstSequence + i, uptime: 1000 + (i * (uint)Poll), T0 + (i * Poll), inUcast: 4_000_000_000 + (i * 10_000));
        }

        var agent = Agent(AgentA);
        var source = agent.FindDataSource(0, GoodDatagram.IfIndex)!;
        Assert.Equal(1000, Rate(source, "ifinucastpkts").Number, 6);

        var rebootAt = T0 + (51 * Poll);
        Send(AgentA, 1, uptime: 3000, rebootAt, inUcast: 500);

        Assert.Equal(1, agent.Restarts);
        Assert.Equal(0, agent.DatagramsOutOfOrder + agent.DatagramsLost + agent.DatagramDuplicates);
        Assert.Equal(0, source.CounterSampleOutOfOrder + source.CounterSamplesLost + source.FlowSampleOutOfOrder + source.FlowSamplesLost);
        var afterReboot = Rate(source, "ifinucastpkts");
        Assert.Equal(T0 + (49 * Poll), afterReboot.LastUpdateUnixMs);
        Assert.Equal(1000, afterReboot.Number, 6);

        Send(AgentA, 2, uptime: 3000 + (uint)Poll, rebootAt + Poll, inUcast: 10_500);

        var next = Rate(source, "ifinucastpkts");
        Assert.Equal(rebootAt + Poll, next.LastUpdateUnixMs);
        Assert.Equal(1000, next.Number, 6);
        Assert.Equal(1, agent.Restarts);
    }

    [Fact]
    public void ObserveDatagram_UptimeWrapsPast32Bits_IsNotARestart()
    {
        Send(AgentA, 7, uptime: uint.MaxValue - 5000, T0, inOctets: 0);
        Send(AgentA, 8, uptime: (uint)Poll - 5001, T0 + Poll, inOctets: 1_000_000);

        var agent = Agent(AgentA);
        Assert.Equal(0, agent.Restarts);
        Assert.Equal(100_000, Rate(agent.FindDataSource(0, GoodDatagram.IfIndex)!, "ifinoctets").Number, 6);
    }

    [Fact]
    public void ObserveDatagram_UptimeJumpsAroundWithNumberingInOrder_IsNotARestart()
    {
        // Some agents fill the uptime field carelessly; numbering that carries on says the agent did not restart.
        Send(AgentA, 1, uptime: 900_000, T0, inOctets: 0);
        Send(AgentA, 2, uptime: 1000, T0 + Poll, inOctets: 1_000_000);
        Send(AgentA, 3, uptime: 500_000, T0 + (2 * Poll), inOctets: 2_000_000);
        Send(AgentA, 4, uptime: 7, T0 + (3 * Poll), inOctets: 3_000_000);

        var agent = Agent(AgentA);
        Assert.Equal(0, agent.Restarts);
        Assert.Equal(100_000, Rate(agent.FindDataSource(0, GoodDatagram.IfIndex)!, "ifinoctets").Number, 6);
    }

    [Fact]
    public void Process_LateDatagram_CountedOutOfOrderWithRatesUnharmed()
    {
        Send(AgentA, 1, uptime: 1000, T0, inOctets: 0);
        Send(AgentA, 3, uptime: 1000 + (2 * (uint)Poll), T0 + (2 * Poll), inOctets: 2_000_000);
        // Sent 3 s before datagram 3, delivered 5 ms after it.
        Send(AgentA, 2, uptime: 1000 + (2 * (uint)Poll) - 3000, T0 + (2 * Poll) + 5, inOctets: 1_700_000);
        Send(AgentA, 4, uptime: 1000 + (3 * (uint)Poll), T0 + (3 * Poll), inOctets: 3_000_000);

        var agent = Agent(AgentA);
        var source = agent.FindDataSource(0, GoodDatagram.IfIndex)!;
        Assert.Equal(1, agent.DatagramsOutOfOrder);
        Assert.Equal(0, agent.Restarts);
        Assert.Equal(1, source.CounterSampleOutOfOrder);
        Assert.Equal(4 * GoodDatagram.FlowSamples, source.FlowSamples);
        Assert.Equal(100_000, Rate(source, "ifinoctets").Number, 6);
    }

    [Fact]
    public void Process_DuplicateDatagram_CountedAsDuplicateWithRatesUnharmed()
    {
        Send(AgentA, 1, uptime: 1000, T0, inOctets: 0);
        var second = GoodDatagram.Build(AgentA, 2, 1000 + (uint)Poll, inOctets: 1_000_000);
        _shard.Process(second, AgentA, T0 + Poll);
        _shard.Process(second, AgentA, T0 + Poll + 5);

        var agent = Agent(AgentA);
        var source = agent.FindDataSource(0, GoodDatagram.IfIndex)!;
        Assert.Equal(1, agent.DatagramDuplicates);
        Assert.Equal(1, source.CounterSampleDuplicates);
        Assert.Equal(100_000, Rate(source, "ifinoctets").Number, 6);

        Send(AgentA, 3, uptime: 1000 + (2 * (uint)Poll), T0 + (2 * Poll), inOctets: 2_000_000);

        Assert.Equal(100_000, Rate(source, "ifinoctets").Number, 6);
        Assert.Equal(0, agent.Restarts + agent.DatagramsLost);
    }

    [Fact]
    public void Process_AgentFieldIsNotTheUdpSource_KeptUnderTheAgentFieldAndOtherAgentUntouched()
    {
        // sFlow-RT keys an agent by the agent address inside the datagram, not by who sent it.
        var spoofed = EngineDatagrams.Address("203.0.113.9");
        Send(AgentA, 1, uptime: 1000, T0, inOctets: 0);
        Send(AgentA, 2, uptime: 1000 + (uint)Poll, T0 + Poll, inOctets: 1_000_000);

        _shard.Process(GoodDatagram.Build(spoofed, 999_999, 5, inOctets: 9_000_000_000_000_000_000), AgentA, T0 + Poll + 1);
        Send(AgentA, 3, uptime: 1000 + (2 * (uint)Poll), T0 + (2 * Poll), inOctets: 2_000_000);

        var other = Agent(spoofed);
        Assert.Equal(1, other.Datagrams);
        Assert.Equal(AgentA, other.LastSource);
        Assert.Equal(GoodDatagram.FlowSamples, other.FindDataSource(0, GoodDatagram.IfIndex)!.FlowSamples);
        var agent = Agent(AgentA);
        Assert.Equal(3, agent.Datagrams);
        Assert.Equal(0, agent.Restarts + agent.DatagramsLost + agent.DatagramsOutOfOrder + agent.DatagramDuplicates);
        var source = agent.FindDataSource(0, GoodDatagram.IfIndex)!;
        Assert.Equal(3 * GoodDatagram.FlowSamples, source.FlowSamples);
        Assert.Equal(100_000, Rate(source, "ifinoctets").Number, 6);
    }

    private static Sluice.Engine.Metrics.MetricReading Rate(DataSourceState source, string metric)
    {
        Assert.True(source.Metrics!.TryGetValue(metric, out var reading), metric + " has no value");
        return reading;
    }

    private void Send(SflowAddress agent, uint sequence, uint uptime, long now, ulong inOctets = 0, uint inUcast = 0) =>
        _shard.Process(GoodDatagram.Build(agent, sequence, uptime, inOctets, inUcast), agent, now);

    private AgentState Agent(SflowAddress address)
    {
        Assert.True(_shard.TryFindAgent(address, out var agent));
        return agent!;
    }
}
