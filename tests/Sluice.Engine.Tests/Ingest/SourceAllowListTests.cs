using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Xdr;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class SourceAllowListTests
{
    [Fact]
    public void Submit_SourcesInAndOutOfTheList_PassesAllowedCountsTheRest()
    {
        var sink = new CountingSink();
        var list = new SourceAllowList([AddressBlock.Parse("192.0.2.0/24"), AddressBlock.Parse("2001:db8::/32")], sink);
        byte[] datagram = [1, 2, 3];

        Assert.True(list.Submit(datagram, EngineDatagrams.Address("192.0.2.77"), 0));
        Assert.True(list.Submit(datagram, EngineDatagrams.Address("2001:db8::1"), 0));
        Assert.False(list.Submit(datagram, EngineDatagrams.Address("192.0.3.1"), 0));
        Assert.False(list.Submit(datagram, EngineDatagrams.Address("2001:db9::1"), 0));
        Assert.False(list.Submit(datagram, default, 0));

        Assert.Equal(2, sink.Count);
        Assert.Equal(3, list.Rejected);
    }

    [Fact]
    public void Submit_SteadyState_AllocatesNothing()
    {
        var sink = new CountingSink();
        var list = new SourceAllowList([AddressBlock.Parse("10.0.0.0/8"), AddressBlock.Parse("192.0.2.0/24"), AddressBlock.Parse("2001:db8::/32")], sink);
        var allowed = EngineDatagrams.Address("192.0.2.1");
        var refused = EngineDatagrams.Address("198.51.100.1");
        var allowed6 = EngineDatagrams.Address("2001:db8::5");
        byte[] datagram = new byte[1400];

        SteadyState.AssertAllocatesNothing(10_000, i =>
        {
            var source = (i % 3) switch { 0 => allowed, 1 => refused, _ => allowed6 };
            list.Submit(datagram, source, i);
        });

        Assert.True(list.Rejected > 0);
        Assert.True(sink.Count > 0);
    }

    private sealed class CountingSink : IDatagramSink
    {
        public int Count { get; private set; }

        public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
        {
            Count++;
            return true;
        }
    }
}
