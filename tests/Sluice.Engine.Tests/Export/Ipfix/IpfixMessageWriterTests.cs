using System.Net;
using Sluice.Engine.Export.Ipfix;
using Sluice.Engine.Flows;
using Sluice.Engine.Flows.Logging;
using Sluice.Engine.Tests.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Export.Ipfix;

public sealed class IpfixMessageWriterTests
{
    [Fact]
    public void Finish_TemplateAndTwoRecords_DecodesToTheSameFlows()
    {
        var flow = new FlowDefinition
        {
            Keys = "macsource,macdestination,ethernetprotocol,ipsource,ipdestination,ipprotocol,tcpsourceport,tcpdestinationport,inputifindex,outputifindex",
            Value = "bytes",
        }.Compile();
        var template = IpfixTemplate.Create(256, flow);
        var first = Record(template, flow, FlowSamples.Tcp(), bytes: 151_400, frames: 100);
        var second = Record(template, flow, FlowSamples.Tcp(source: "10.0.0.9", sourcePort: 1234), bytes: 6_400, frames: 100);
        var writer = new IpfixMessageWriter(1400);

        writer.Begin(1_700_000_123, 42, 7);
        writer.AddTemplateSet(template);
        Assert.True(writer.TryAddRecord(template, first));
        Assert.True(writer.TryAddRecord(template, second));
        var decoded = new IpfixDecoded(writer.Finish().Span);

        Assert.Equal(10, decoded.Version);
        Assert.Equal(1_700_000_123u, decoded.ExportTime);
        Assert.Equal(42u, decoded.Sequence);
        Assert.Equal(7u, decoded.Domain);
        Assert.Equal([(ushort)256], decoded.TemplateIds);
        Assert.Equal(
            [56, 80, 256, 8, 12, 4, 7, 11, 10, 14, 1, 2, 152, 153],
            decoded.Templates[256].Select(f => (int)f.Element));
        Assert.Equal(2, writer.DataRecords);
        Assert.Equal(2, decoded.Records.Count);

        var fields = decoded.Records[0].ToDictionary(f => f.Element, f => f.Value);
        Assert.Equal([0x52, 0x54, 0x00, 0x12, 0x34, 0x56], fields[56]);
        Assert.Equal([0x00, 0x11, 0x22, 0xAA, 0xBB, 0xCC], fields[80]);
        Assert.Equal(0x0800UL, IpfixDecoded.Number(fields[256]));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), new IPAddress(fields[8]));
        Assert.Equal(IPAddress.Parse("192.168.1.2"), new IPAddress(fields[12]));
        Assert.Equal(6UL, IpfixDecoded.Number(fields[4]));
        Assert.Equal(40000UL, IpfixDecoded.Number(fields[7]));
        Assert.Equal(443UL, IpfixDecoded.Number(fields[11]));
        Assert.Equal(3UL, IpfixDecoded.Number(fields[10]));
        Assert.Equal(7UL, IpfixDecoded.Number(fields[14]));
        Assert.Equal(151_400UL, IpfixDecoded.Number(fields[1]));
        Assert.Equal(100UL, IpfixDecoded.Number(fields[2]));
        Assert.Equal(1_700_000_000_000UL, IpfixDecoded.Number(fields[152]));
        Assert.Equal(1_700_000_004_000UL, IpfixDecoded.Number(fields[153]));

        var other = decoded.Records[1].ToDictionary(f => f.Element, f => f.Value);
        Assert.Equal(IPAddress.Parse("10.0.0.9"), new IPAddress(other[8]));
        Assert.Equal(1234UL, IpfixDecoded.Number(other[7]));
        Assert.Equal(6_400UL, IpfixDecoded.Number(other[1]));
    }

    [Fact]
    public void TryAddRecord_MessageFull_ReturnsFalseAndKeepsWhatFits()
    {
        var flow = new FlowDefinition { Keys = "ip6source,ip6destination", Value = "frames" }.Compile();
        var template = IpfixTemplate.Create(300, flow);
        var record = new FlowRecord("f", "k", 1, null, 1, 2, "192.0.2.1", "3") { ExportKey = new byte[template.KeyLength] };
        var writer = new IpfixMessageWriter(256);
        writer.Begin(0, 0, 1);

        var added = 0;
        while (writer.TryAddRecord(template, record))
        {
            added++;
        }

        // (256 - 16-byte message header - 4-byte set header) / 64-byte records.
        Assert.Equal(3, added);
        var decoded = new IpfixDecoded(writer.Finish().Span, new() { [300] = [.. template.Fields.Select(f => (f.ElementId, f.Length))] });
        Assert.Equal(3, decoded.Records.Count);
        Assert.Equal([(ushort)300], decoded.DataSetIds);
    }

    private static FlowRecord Record(IpfixTemplate template, CompiledFlow flow, FlowSampleContext sample, double bytes, double frames) =>
        new("tcp", "k", bytes, null, 1_700_000_000_000, 1_700_000_004_000, "192.0.2.1", "3")
        {
            Bytes = bytes,
            Frames = frames,
            ExportKey = template.EncodeKey(flow, sample),
        };
}
