using System.Buffers.Binary;
using System.Net;
using Sluice.Engine.Flows;
using Sluice.Engine.Generator;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

/// <summary>
/// The accuracy bar: a generated fleet samples its traffic 1 in N at random, and the rates /activeflows reports
/// converge to the fleet's true per-second rates within 5 % for every flow above 100 samples per t, with aggMode
/// max and sum, over several agents that carry the same flows. "Converge" is the mean of the readings taken every
/// 2 s for three minutes after a minute of warm-up. A flow is held to the bar where the design promises it: in the top n
/// of each data source that counts toward it. The fleet runs on simulated time, so the minutes take a second or two,
/// and the seed makes every run the same.
/// </summary>
public sealed class FlowAccuracyTests
{
    private const double T = 10;
    private const int N = 20;
    private const int SamplingRate = 1000;
    private const long WarmUpMs = 60_000;
    private const long MeasureMs = 180_000;
    private const long StepMs = 2_000;

    [Theory]
    [InlineData("max")]
    [InlineData("sum")]
    public async Task ActiveFlows_GeneratedFleet_ConvergesWithinFivePercentOfTrueRates(string aggMode)
    {
        var fleet = new AgentFleet(new FleetOptions { Agents = 4, Interfaces = 1, Hosts = 0, SamplingRate = SamplingRate, Seed = 11 });
        var truth = Truth.Of(fleet, aggMode);

        await using var engine = new SluiceEngine(new EngineOptions { SflowPort = 0, Shards = 2 });
        engine.Start(listen: false);
        engine.Flows.Set("pairs", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes", T = T, N = N });

        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var readings = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var buffer = new byte[fleet.MaxDatagramSize];
        var readingsTaken = 0;
        for (var at = WarmUpMs; at <= WarmUpMs + MeasureMs; at += StepMs)
        {
            await FeedUntilAsync(engine, fleet, buffer, start, at);
            foreach (var flow in engine.ActiveFlows("ALL", "pairs", 500, 0, aggMode, start + at))
            {
                if (!readings.TryGetValue(flow.Key, out var list))
                {
                    readings[flow.Key] = list = [];
                }

                list.Add(flow.Value);
            }

            readingsTaken++;
        }

        var errors = new List<string>();
        var worst = 0.0;
        var held = 0;
        foreach (var (key, rate) in truth.Rates)
        {
            if (!truth.HeldToTheBar(key))
            {
                continue;
            }

            held++;
            var measured = readings.TryGetValue(key, out var list) && list.Count == readingsTaken ? list.Average() : double.NaN;
            worst = Math.Max(worst, Math.Abs(measured - rate) / rate);
            if (!(Math.Abs(measured - rate) <= 0.05 * rate))
            {
                errors.Add($"{key}: measured {measured:F0} B/s, true {rate:F0} B/s, {truth.SamplesPerT[key]:F0} samples per t");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{aggMode}: {held} flows held to the bar, largest error {worst:P2}");
        Assert.InRange(held, 5, int.MaxValue);
        Assert.True(errors.Count == 0, $"{aggMode}: {errors.Count} of {held} flows off by more than 5 %:\n{string.Join('\n', errors)}");
    }

    /// <summary>Submits the fleet's datagrams due by <paramref name="untilMs"/> (fleet time) and waits until they are processed.</summary>
    private static async Task FeedUntilAsync(SluiceEngine engine, AgentFleet fleet, byte[] buffer, long start, long untilMs)
    {
        while (fleet.NextDueMs <= untilMs)
        {
            var length = fleet.Fill(buffer, untilMs, out var agent);
            var received = start + (long)fleet.LastDatagramMs;
            while (!engine.Ingest.Submit(buffer.AsSpan(0, length), agent, received))
            {
                await Task.Delay(1, TestContext.Current.CancellationToken); // a full shard queue: let the worker catch up
            }
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The fleet's true source,destination rates, read from its traffic model independently of the engine.</summary>
    private sealed class Truth
    {
        private readonly Dictionary<string, List<(double Bytes, int Rank)>> _perAgent = new(StringComparer.Ordinal);

        private Truth()
        {
        }

        /// <summary>Bytes/s of each pair, combined over agents as aggMode does.</summary>
        public Dictionary<string, double> Rates { get; } = new(StringComparer.Ordinal);

        /// <summary>Samples per t behind each estimate: at the busiest agent for max, over all agents for sum.</summary>
        public Dictionary<string, double> SamplesPerT { get; } = new(StringComparer.Ordinal);

        public static Truth Of(AgentFleet fleet, string aggMode)
        {
            var bytes = new Dictionary<(SflowAddress Agent, string Pair), (double Bytes, double Samples)>();
            foreach (var flow in fleet.ExpectedTraffic())
            {
                if (Pair(flow.Header.Span) is { } pair)
                {
                    var (b, s) = bytes.GetValueOrDefault((flow.Agent, pair));
                    bytes[(flow.Agent, pair)] = (b + flow.BytesPerSecond, s + (flow.FramesPerSecond / SamplingRate * T));
                }
            }

            var truth = new Truth();
            foreach (var agent in bytes.Keys.Select(k => k.Agent).Distinct())
            {
                var rank = 0;
                foreach (var ((_, pair), (b, s)) in bytes.Where(e => e.Key.Agent == agent).OrderByDescending(e => e.Value.Bytes))
                {
                    rank++;
                    if (!truth._perAgent.TryGetValue(pair, out var list))
                    {
                        truth._perAgent[pair] = list = [];
                    }

                    list.Add((b, rank));
                    var sum = aggMode == "sum";
                    var current = truth.Rates.GetValueOrDefault(pair);
                    if (sum || b > current)
                    {
                        truth.Rates[pair] = sum ? current + b : b;
                        truth.SamplesPerT[pair] = sum ? truth.SamplesPerT.GetValueOrDefault(pair) + s : s;
                    }
                }
            }

            return truth;
        }

        /// <summary>Above 100 samples per t, and in the top n of every data source that carries a share of it.</summary>
        public bool HeldToTheBar(string pair) =>
            SamplesPerT[pair] >= 100 && _perAgent[pair].All(e => e.Rank <= N || e.Bytes < 0.05 * Rates[pair]);

        /// <summary>"ipsource,ipdestination" of an untagged Ethernet IPv4 header (IPv6 packets have no ipsource, so they count toward no pair).</summary>
        private static string? Pair(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16BigEndian(header[12..]) switch
        {
            0x0800 => $"{new IPAddress(header.Slice(26, 4))},{new IPAddress(header.Slice(30, 4))}",
            _ => null,
        };
    }
}
