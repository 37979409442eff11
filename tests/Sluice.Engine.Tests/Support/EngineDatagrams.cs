using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>Datagrams for engine tests, built with the codec's writer.</summary>
internal static class EngineDatagrams
{
    public static SflowAddress Address(string text) => SflowAddress.FromIPAddress(IPAddress.Parse(text));

    /// <summary>A datagram from <paramref name="agent"/> with one flow sample on ifIndex 3 and one counters sample for ifIndex 3.</summary>
    public static byte[] Mixed(string agent, uint sequence, uint sampleSequence = 1, uint samplingRate = 512)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Address(agent), 0, sequence, sequence * 1000);
        writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = 3, SamplingRate = samplingRate, SamplePool = sampleSequence * samplingRate, Input = 3, Output = 4 });
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(1518);
        writer.Body.WriteUInt32(4);
        writer.Body.WriteOpaque(new byte[64]);
        writer.EndRecord();
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = 3 });
        writer.BeginRecord(CounterRecordTags.Generic);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(6);
        writer.Body.WriteUInt64(10_000_000_000);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt64(sampleSequence * 1_000_000UL);
        for (var i = 0; i < 6; i++)
        {
            writer.Body.WriteUInt32(sampleSequence * 100);
        }

        writer.Body.WriteUInt64(sampleSequence * 2_000_000UL);
        for (var i = 0; i < 7; i++)
        {
            writer.Body.WriteUInt32(0);
        }

        writer.EndRecord();
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdClass = 2, SourceIdIndex = 1 });
        writer.BeginRecord(CounterRecordTags.HostDescription);
        writer.Body.WriteOpaque("host-a"u8);
        writer.Body.WriteFixed(new byte[16]);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(2);
        writer.Body.WriteOpaque("6.1"u8);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
