using System.Buffers.Binary;
using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Datagrams;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

/// <summary>
/// A flood of 1,000,000 distinct source addresses (a spoofed-source attack, or a scan) mixed with three real heavy
/// sources: the flow table stays within its bound and the heavy sources keep their true rates at the top.
/// The process-level RSS under the same flood is measured by bench/load/loadtest.py (see the issue note).
/// </summary>
public sealed class FlowFloodTests
{
    private const int FloodSources = 1_000_000;
    private const int RandomPerDatagram = 5;
    private const uint SamplingRate = 100;
    private const long DatagramsPerSecond = 2_000;

    [Fact]
    public async Task ActiveFlows_MillionRandomSources_TableStaysBoundedAndHeavySourcesStayOnTop()
    {
        await using var engine = new SluiceEngine(new EngineOptions { SflowPort = 0, Shards = 1 });
        engine.Start(listen: false);
        engine.Flows.Set("src", new FlowDefinition { Keys = "ipsource", Value = "frames", T = 10, N = 10 });

        // Two heavy samples per datagram, shared 5:3:2 by three sources: 4,000 samples/s × 100 = 400,000 frames/s.
        uint[] heavy = [0x0A000001, 0x0A000002, 0x0A000003];
        int[] pattern = [0, 1, 0, 2, 0, 1, 0, 2, 1, 0];
        double[] truth = [200_000, 120_000, 80_000];

        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var buffer = new byte[2048];
        var source = EngineDatagrams.Address("127.0.0.1");
        var datagrams = FloodSources / RandomPerDatagram;
        for (var d = 0; d < datagrams; d++)
        {
            var length = Build(buffer, d, heavy[pattern[(2 * d) % 10]], heavy[pattern[((2 * d) + 1) % 10]]);
            var received = start + (d * 1000 / DatagramsPerSecond);
            while (!engine.Ingest.Submit(buffer.AsSpan(0, length), source, received))
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }
        }

        await engine.DrainAsync(TimeSpan.FromSeconds(60));
        var now = start + (datagrams * 1000 / DatagramsPerSecond);
        var all = engine.ActiveFlows("ALL", "src", int.MaxValue, 0, null, now);

        Assert.InRange(all.Count, 1, FlowTable.CapacityFor(10));
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], all.Take(3).Select(f => f.Key));
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(all[i].Value, truth[i] * 0.95, truth[i] * 1.05);
        }

        // Each flood address was sampled once: whatever of the flood is left sits far below the real sources.
        Assert.True(all[3].Value < truth[2] / 10, $"the largest flood entry is {all[3].Value:F0} frames/s");
    }

    /// <summary>Datagram <paramref name="d"/>: five flood samples, then two samples of the given heavy sources.</summary>
    private static int Build(byte[] buffer, int d, uint heavy1, uint heavy2)
    {
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(EngineDatagrams.Address("192.0.2.1"), 0, (uint)d + 1, (uint)d);
        for (var s = 0; s < RandomPerDatagram; s++)
        {
            // A bijective scramble of the sample number: a million distinct, scattered addresses in 100.0.0.0/6.
            var flood = (uint)((d * RandomPerDatagram) + s + 1);
            WriteSample(ref writer, 0x64000000u | ((flood * 2654435761u) & 0x03FFFFFF), (uint)((d * 7) + s));
        }

        WriteSample(ref writer, heavy1, (uint)((d * 7) + 5));
        WriteSample(ref writer, heavy2, (uint)((d * 7) + 6));
        return writer.Finish().Length;
    }

    private static void WriteSample(ref SflowDatagramWriter writer, uint sourceAddress, uint sequence)
    {
        writer.BeginFlowSample(new SflowSample { SequenceNumber = sequence, SourceIdIndex = 3, SamplingRate = SamplingRate, SamplePool = sequence * SamplingRate, Input = 3, Output = 4 });
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        writer.Body.WriteUInt32(1); // sFlow v5 sampled_header: Ethernet, frame_length, stripped, header<>
        writer.Body.WriteUInt32(64);
        writer.Body.WriteUInt32(4);
        Span<byte> packet = stackalloc byte[14 + 20 + 8];
        packet.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(packet[12..], 0x0800);
        packet[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet[16..], 28);
        packet[22] = 64;
        packet[23] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(packet[26..], sourceAddress);
        BinaryPrimitives.WriteUInt32BigEndian(packet[30..], 0x0A0000FE);
        writer.Body.WriteOpaque(packet);
        writer.EndRecord();
        writer.EndSample();
    }
}
