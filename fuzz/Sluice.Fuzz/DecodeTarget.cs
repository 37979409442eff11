using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Records;

namespace Sluice.Fuzz;

/// <summary>
/// Everything the codec does with a datagram from the network: framing, every record through its
/// layout, sampled headers through the packet decoder.
/// </summary>
public static class DecodeTarget
{
    public static void Run(ReadOnlySpan<byte> datagram)
    {
        var visitor = new Visitor();
        SflowDecoder.Decode(datagram, ref visitor);
    }

    private struct Visitor : ISflowVisitor
    {
        private PacketFields _fields;

        public readonly void OnDatagram(in SflowDatagramHeader header)
        {
        }

        public readonly void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
        }

        public bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            var layout = RecordLayouts.Find(sample.Kind, record.Tag, record.Version);
            if (layout is not null)
            {
                RecordWalker.Validate(layout, record.Body, record.Version);
            }

            if (sample.Kind != SampleKind.Counters && record.Tag == FlowRecordTags.SampledHeader
                && SampledHeader.TryRead(in record, out var header))
            {
                _fields.Reset();
                SampledHeaderDecoder.Decode(header.Protocol, header.Header, ref _fields);
                Span<char> stack = stackalloc char[256];
                _fields.FormatStack(stack);
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
