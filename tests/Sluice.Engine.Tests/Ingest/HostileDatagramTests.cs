using System.Globalization;
using Sluice.Engine.Agents;
using Sluice.Engine.Tests.Support;
using Sluice.Fuzz;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

/// <summary>
/// The whole ingest path (forwarding, decode, agents, counters, flows, tenants) against datagrams no agent should
/// send (<see cref="HostileCorpus"/>): nothing throws, and a bad datagram never costs a good one anything.
/// </summary>
public sealed class HostileDatagramTests
{
    private const long T0 = 1_700_000_000_000;
    private static readonly SflowAddress FallbackAgent = EngineDatagrams.Address("192.0.2.77");
    private static readonly SflowAddress OtherAgent = EngineDatagrams.Address("192.0.2.200");

    [Fact]
    public void IngestTarget_EveryHostileDatagram_DoesNotThrow()
    {
        var corpus = HostileCorpus.All();
        using var target = new IngestTarget();
        var failures = new List<string>();

        foreach (var (name, bytes) in corpus)
        {
            try
            {
                target.Run(bytes);
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(corpus.Count > 5000, $"only {corpus.Count} inputs: are the captures missing?");
        Assert.Empty(failures);
    }

    [Fact]
    public void Process_GoodDatagramsAfterEachHostileOne_AreFullyCounted()
    {
        var corpus = HostileCorpus.All();
        using var harness = new IngestHarness();
        var sequences = new Dictionary<SflowAddress, uint>();
        var failures = new List<string>();
        var now = T0;

        foreach (var (name, bytes) in corpus)
        {
            now += 10;
            harness.Process(bytes, now);
            var same = SflowDecoder.TryReadHeader(bytes, out var header) && header.Agent != OtherAgent ? header.Agent : FallbackAgent;
            foreach (var (agent, at) in new[] { (same, now + 1), (OtherAgent, now + 2) })
            {
                var problem = SendGood(harness, sequences, agent, at);
                if (problem is not null)
                {
                    failures.Add($"after {name}, agent {agent}: {problem}");
                }
            }
        }

        Assert.True(corpus.Count > 5000, $"only {corpus.Count} inputs: are the captures missing?");
        Assert.Empty(failures.Take(20));
    }

    /// <summary>Sends one good datagram from <paramref name="address"/>; null when all of it was counted, else what was not.</summary>
    private static string? SendGood(IngestHarness harness, Dictionary<SflowAddress, uint> sequences, SflowAddress address, long now)
    {
        var sequence = sequences.GetValueOrDefault(address) + 1;
        sequences[address] = sequence;
        var agent = harness.Agent(address);
        var before = Counts.Of(agent, harness, now);

        harness.Process(GoodDatagram.Build(address, sequence, (uint)(now - T0 + 1000)), now);

        agent = harness.Agent(address);
        if (agent is null)
        {
            return "agent not kept";
        }

        var after = Counts.Of(agent, harness, now);
        var expected = before with
        {
            Datagrams = before.Datagrams + 1,
            AgentFlowSamples = before.AgentFlowSamples + GoodDatagram.FlowSamples,
            AgentCounterSamples = before.AgentCounterSamples + 1,
            SourceFlowSamples = before.SourceFlowSamples + GoodDatagram.FlowSamples,
            SourceCounterSamples = before.SourceCounterSamples + 1,
            FlowRate = Math.Round(before.FlowRate + GoodDatagram.FlowGain, 3),
            SpeedUpdated = now,
        };
        return after with { FlowRate = Math.Round(after.FlowRate, 3) } == expected
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"expected {expected}, got {after}");
    }

    private readonly record struct Counts(
        long Datagrams, long AgentFlowSamples, long AgentCounterSamples, long SourceFlowSamples, long SourceCounterSamples, double FlowRate, long SpeedUpdated)
    {
        public static Counts Of(AgentState? agent, IngestHarness harness, long now)
        {
            if (agent is null)
            {
                return default;
            }

            var source = agent.FindDataSource(0, GoodDatagram.IfIndex);
            var speed = source?.Metrics is { } metrics && metrics.TryGetValue("ifspeed", out var reading) && reading.Number == GoodDatagram.Speed
                ? reading.LastUpdateUnixMs
                : 0;
            return new Counts(
                agent.Datagrams, agent.FlowSamples, agent.CounterSamples, source?.FlowSamples ?? 0, source?.CounterSamples ?? 0,
                harness.GoodFlowRate(agent, now), speed);
        }
    }
}
