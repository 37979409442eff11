using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>
/// A well-formed datagram whose every part is checkable afterwards: <see cref="FlowSamples"/> flow samples of one
/// UDP packet 198.18.0.1 → 198.18.0.2 (addresses no capture holds) on data source <see cref="IfIndex"/>, and that
/// port's interface counters.
/// </summary>
internal static class GoodDatagram
{
    public const uint IfIndex = 7001;
    public const int FlowSamples = 2;
    public const uint SamplingRate = 100;
    public const uint FrameLength = 1000;
    public const ulong Speed = 10_000_000_000;
    public const string FlowKey = "198.18.0.1,198.18.0.2";

    /// <summary>What a flow of <c>bytes</c> gains from one good datagram, per second at t = 2 s: bytes × rate / t.</summary>
    public const double FlowGain = FlowSamples * FrameLength * SamplingRate / 2.0;

    /// <param name="inOctets">ifInOctets (64 bits).</param>
    /// <param name="inUcast">ifInUcastPkts (32 bits: wraps, and a restart can look like a wrap).</param>
    public static byte[] Build(SflowAddress agent, uint sequence, uint uptime, ulong inOctets = 0, uint inUcast = 0)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(agent, 0, sequence, uptime);
        for (var i = 0u; i < FlowSamples; i++)
        {
            var sampleSequence = (sequence * FlowSamples) + i;
            writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = IfIndex, SamplingRate = SamplingRate, SamplePool = sampleSequence * SamplingRate, Input = IfIndex, Output = 4 });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1); // sFlow v5 sampled_header: protocol ethernet, frame_length, stripped, header<>
            writer.Body.WriteUInt32(FrameLength);
            writer.Body.WriteUInt32(4);
            writer.Body.WriteOpaque(EngineDatagrams.UdpPacket("198.18.0.1", "198.18.0.2", 4000, 5000));
            writer.EndRecord();
            writer.EndSample();
        }

        writer.BeginCountersSample(new SflowSample { SequenceNumber = sequence, SourceIdIndex = IfIndex });
        CounterDatagrams.Interface(new InterfaceCounters { IfIndex = IfIndex, Speed = Speed, InOctets = inOctets, InUcast = inUcast })(ref writer);
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
