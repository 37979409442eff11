using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

public sealed class DecodeAllocationTests
{
    [Fact]
    public void DecodeWithHeaders_TenThousandDatagrams_AllocatesNothing()
    {
        var flows = TestDatagrams.FlowDatagram(7);
        var counters = TestDatagrams.CountersDatagram();
        var visitor = new CountingVisitor();
        for (var i = 0; i < 100; i++)
        {
            SflowDecoder.Decode(flows, ref visitor);
            SflowDecoder.Decode(counters, ref visitor);
        }

        SteadyState.AssertAllocatesNothing(10_000, _ =>
        {
            SflowDecoder.Decode(flows, ref visitor);
            SflowDecoder.Decode(counters, ref visitor);
        });

        Assert.Equal(30_100L * 16, visitor.Records);
        Assert.Equal(30_100L * 7, visitor.TcpHeaders);
    }

    /// <summary>Does what an engine worker does per record: frame it, and decode sampled headers.</summary>
    private struct CountingVisitor : ISflowVisitor
    {
        public long Records;
        public long HeaderBytes;
        public long TcpHeaders;
        private PacketFields _fields;

        public readonly void OnDatagram(in SflowDatagramHeader header)
        {
        }

        public readonly void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
        }

        public bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            Records++;
            HeaderBytes += record.Body.Length;
            if (record.Tag == FlowRecordTags.SampledHeader && SampledHeader.TryRead(in record, out var header)
                && SampledHeaderDecoder.Decode(header.Protocol, header.Header, ref _fields)
                && _fields.Outer.Has(PacketLayers.Tcp))
            {
                TcpHeaders++;
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
