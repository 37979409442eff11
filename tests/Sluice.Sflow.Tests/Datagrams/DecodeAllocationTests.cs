using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Tests.Support;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

public sealed class DecodeAllocationTests
{
    [Fact]
    public void Decode_TenThousandDatagrams_AllocatesNothing()
    {
        var flows = TestDatagrams.FlowDatagram(7);
        var counters = TestDatagrams.CountersDatagram();
        var visitor = new CountingVisitor();
        for (var i = 0; i < 100; i++)
        {
            SflowDecoder.Decode(flows, ref visitor);
            SflowDecoder.Decode(counters, ref visitor);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            SflowDecoder.Decode(flows, ref visitor);
            SflowDecoder.Decode(counters, ref visitor);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(10_100L * 16, visitor.Records);
    }

    private struct CountingVisitor : ISflowVisitor
    {
        public long Records;
        public long HeaderBytes;

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
            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
