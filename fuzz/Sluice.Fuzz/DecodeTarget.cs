using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Records;
using Sluice.Sflow.Xdr;

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
                var sink = new NullSink();
                RecordWalker.Walk(layout, in record, ref sink);
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

    private struct NullSink : IRecordFieldSink
    {
        public readonly void OnNumber(FieldSpec field, ulong value)
        {
        }

        public readonly void OnReal(FieldSpec field, double value)
        {
        }

        public readonly void OnBytes(FieldSpec field, ReadOnlySpan<byte> value)
        {
        }

        public readonly void OnAddress(FieldSpec field, in SflowAddress value)
        {
        }

        public readonly void OnListStart(FieldSpec field, int count)
        {
        }

        public readonly void OnItemStart(FieldSpec field, int index)
        {
        }

        public readonly void OnItemEnd(FieldSpec field, int index)
        {
        }

        public readonly void OnListEnd(FieldSpec field)
        {
        }
    }
}
