using Sluice.Engine.Flows;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowFieldTextCacheTests
{
    private static readonly FlowDefinition[] Definitions =
    [
        new() { Keys = "ipsource,ipdestination", Value = "bytes" },
        new() { Keys = "ipsource", Value = "bytes", Filter = "ipprotocol=6" },
        new() { Keys = "ipdestination,tcpdestinationport", Value = "frames" },
        new() { Keys = "macsource,macdestination,vlan,ethernetprotocol", Value = "bytes" },
        new() { Keys = "ipsource,ipdestination,ipprotocol,or:tcpdestinationport:udpdestinationport", Value = "bytes", Filter = "ipprotocol=6,17" },
        new() { Keys = "inputifindex,outputifindex,stack", Value = "frames" },
        new() { Keys = "ip6source,ip6destination,null:[dnsqname]:none", Value = "bytes", Filter = "ip6source!=null" },
        new() { Keys = "ipdestination", Value = "frames", Filter = "tcpflags~.......1." },
        new() { Keys = "ipdscp,ipprotocol,mask:ipsource:24", Value = "bytes", Values = "count:ipsource", Filter = "ipdestination!=192.0.2.1" },
    ];

    [Fact]
    public void CacheFieldTexts_EveryCaptureSample_WritesTheSameKeysAsUncached()
    {
        var flows = Definitions.Select(d => d.Compile()).ToArray();
        var buffer = new char[2048];
        var compared = 0;
        foreach (var capture in FlowSamples.AllCaptures())
        {
            foreach (var sample in FlowSamples.Load(capture))
            {
                var uncached = flows.Select(f => Evaluate(f, sample, buffer)).ToArray();
                sample.CacheFieldTexts();
                for (var pass = 0; pass < 2; pass++)
                {
                    Assert.Equal(uncached, flows.Select(f => Evaluate(f, sample, buffer)).ToArray());
                }

                compared += uncached.Count(k => k is not null);
            }
        }

        Assert.True(compared > 100, $"only {compared} keys compared");
    }

    [Fact]
    public void CacheFieldTexts_NextSampleBegins_WritesTheNewSamplesValues()
    {
        var flow = Definitions[0].Compile();
        var buffer = new char[256];
        var context = FlowSamples.Tcp(source: "10.0.0.1", destination: "10.0.0.2");
        context.CacheFieldTexts();
        Assert.Equal("10.0.0.1,10.0.0.2", Key(flow, context, buffer));

        context.BeginSample(SflowAddress.FromIPv4([10, 0, 0, 254]), new SflowSample { Kind = SampleKind.Flow, SamplingRate = 100 });
        context.AddRecord(FlowSamples.HeaderRecord(FlowSamples.TcpPacket(source: "10.9.9.9", destination: "10.8.8.8"), 100));
        Assert.Equal("10.9.9.9,10.8.8.8", Key(flow, context, buffer));
        context.CacheFieldTexts();
        Assert.Equal("10.9.9.9,10.8.8.8", Key(flow, context, buffer));
    }

    [Fact]
    public void CacheFieldTexts_RecordAddedAfterwards_WritesTheRecordsValues()
    {
        var flow = Definitions[0].Compile();
        var buffer = new char[256];
        var context = FlowSamples.Tcp(source: "10.0.0.1", destination: "10.0.0.2");
        context.CacheFieldTexts();
        Assert.Equal("10.0.0.1,10.0.0.2", Key(flow, context, buffer));

        context.AddRecord(FlowSamples.HeaderRecord(FlowSamples.TcpPacket(source: "10.7.7.7", destination: "10.6.6.6"), 100));
        Assert.Equal("10.7.7.7,10.6.6.6", Key(flow, context, buffer));
    }

    [Fact]
    public void CacheFieldTexts_DestinationTooShort_ReportsTheKeyMissingAsUncached()
    {
        var key = FlowKeyParser.Parse("ipsource");
        var context = FlowSamples.Tcp(source: "10.100.200.1");
        var shortSpan = new char[5];
        Assert.Equal(-1, key.Write(context, shortSpan));
        context.CacheFieldTexts();
        Assert.Equal(-1, key.Write(context, shortSpan));
        Assert.Equal("10.100.200.1", key.Evaluate(context));
        Assert.Equal(-1, key.Write(context, shortSpan));
    }

    [Fact]
    public void CacheFieldTexts_MissingField_StaysMissingOnEveryAsk()
    {
        var tcpPort = FlowKeyParser.Parse("tcpdestinationport");
        var either = FlowKeyParser.Parse("or:tcpdestinationport:udpdestinationport");
        var context = FlowSamples.Tcp(protocol: 17, destinationPort: 53);
        context.CacheFieldTexts();

        Assert.Equal([null, null, "53", "53"], new[] { tcpPort.Evaluate(context), tcpPort.Evaluate(context), either.Evaluate(context), either.Evaluate(context) });

        context.AddRecord(FlowSamples.HeaderRecord(FlowSamples.TcpPacket(destinationPort: 8080), 100));
        context.CacheFieldTexts();
        Assert.Equal(["8080", "8080"], new[] { tcpPort.Evaluate(context), either.Evaluate(context) });
    }

    [Fact]
    public void CacheFieldTexts_RepeatedSamples_AllocatesNothing()
    {
        var flows = Definitions.Select(d => d.Compile()).ToArray();
        var context = FlowSamples.Tcp();
        var buffer = new char[1024];
        var measures = new FlowMeasure[2];
        void Evaluate(int unused)
        {
            context.CacheFieldTexts();
            foreach (var flow in flows)
            {
                flow.TryEvaluate(context, buffer, measures, out _);
            }
        }

        for (var i = 0; i < 100; i++)
        {
            Evaluate(i);
        }

        SteadyState.AssertAllocatesNothing(10_000, Evaluate);
    }

    private static string? Key(CompiledFlow flow, FlowSampleContext sample, char[] buffer)
    {
        var length = flow.WriteKey(sample, buffer);
        return length < 0 ? null : new string(buffer, 0, length);
    }

    private static string? Evaluate(CompiledFlow flow, FlowSampleContext sample, char[] buffer)
    {
        var measures = new FlowMeasure[flow.Kinds.Count];
        return flow.TryEvaluate(sample, buffer, measures, out var length)
            ? $"{new string(buffer, 0, length)}|{string.Join('|', measures)}"
            : null;
    }
}
