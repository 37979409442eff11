using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Export.Ipfix;
using Sluice.Engine.Flows;
using Sluice.Engine.Flows.Logging;
using Sluice.Engine.Tests.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Export.Ipfix;

public sealed class IpfixExporterTests
{
    [Fact]
    public async Task Enqueue_Records_FirstMessageCarriesTheTemplateAndSequenceNumbersCountRecords()
    {
        using var collector = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (flow, template) = Template();
        await using var exporter = new IpfixExporter(template, [(IPEndPoint)collector.Client.LocalEndPoint!], 9, new FlowLogOptions());
        for (var i = 0; i < 3; i++)
        {
            exporter.Enqueue(Record(template, flow, 1000 * (i + 1)));
        }

        var first = await ReceiveAsync(collector, null);
        Assert.Equal([(ushort)256], first.TemplateIds);
        Assert.Equal(0u, first.Sequence);
        Assert.Equal(9u, first.Domain);
        var records = new List<List<(ushort Element, byte[] Value)>>(first.Records);
        while (records.Count < 3)
        {
            records.AddRange((await ReceiveAsync(collector, first.Templates)).Records);
        }

        Assert.Equal([1000UL, 2000UL, 3000UL], records.Select(r => IpfixDecoded.Number(r.Single(f => f.Element == 1).Value)));

        exporter.Enqueue(Record(template, flow, 4000));
        var next = await ReceiveAsync(collector, first.Templates);
        Assert.Equal(3u, next.Sequence);
        Assert.Empty(next.TemplateIds);
        Assert.Equal(4000UL, IpfixDecoded.Number(next.Records.Single().Single(f => f.Element == 1).Value));
        Assert.Equal(4, exporter.RecordsExported);
        Assert.Equal(0, exporter.Dropped);
    }

    [Fact]
    public async Task TemplateInterval_Passes_SendsTheTemplateAgain()
    {
        using var collector = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (_, template) = Template();
        var options = new FlowLogOptions { TemplateInterval = TimeSpan.FromMilliseconds(100) };
        await using var exporter = new IpfixExporter(template, [(IPEndPoint)collector.Client.LocalEndPoint!], 1, options);

        var first = await ReceiveAsync(collector, null);
        var second = await ReceiveAsync(collector, null);

        // No records: each message is the template alone.
        Assert.Equal([(ushort)256], first.TemplateIds);
        Assert.Equal([(ushort)256], second.TemplateIds);
        Assert.Empty(first.Records);
        Assert.True(exporter.TemplatesSent >= 2);
    }

    [Fact]
    public async Task DisposeAsync_QueuedRecords_SendsThemFirst()
    {
        using var collector = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (flow, template) = Template();
        var exporter = new IpfixExporter(template, [(IPEndPoint)collector.Client.LocalEndPoint!], 1, new FlowLogOptions());
        for (var i = 0; i < 50; i++)
        {
            exporter.Enqueue(Record(template, flow, i));
        }

        await exporter.DisposeAsync();
        exporter.Enqueue(Record(template, flow, 1));

        Assert.Equal(50, exporter.RecordsExported);
        Assert.Equal(1, exporter.Dropped);
        var received = 0;
        Dictionary<ushort, List<(ushort Element, ushort Length)>>? templates = null;
        while (received < 50)
        {
            var message = await ReceiveAsync(collector, templates);
            templates = message.Templates;
            received += message.Records.Count;
        }

        Assert.Equal(50, received);
    }

    private static (CompiledFlow Flow, IpfixTemplate Template) Template()
    {
        var flow = new FlowDefinition { Keys = "ipsource,ipdestination,tcpsourceport,tcpdestinationport", Value = "bytes" }.Compile();
        return (flow, IpfixTemplate.Create(256, flow));
    }

    private static FlowRecord Record(IpfixTemplate template, CompiledFlow flow, double bytes) =>
        new("tcp", "k", bytes, null, 1_700_000_000_000, 1_700_000_001_000, "192.0.2.1", "3")
        {
            Bytes = bytes,
            Frames = 1,
            ExportKey = template.EncodeKey(flow, FlowSamples.Tcp()),
        };

    private static async Task<IpfixDecoded> ReceiveAsync(UdpClient collector, Dictionary<ushort, List<(ushort Element, ushort Length)>>? templates)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var datagram = await collector.ReceiveAsync(timeout.Token);
        return new IpfixDecoded(datagram.Buffer, templates is null ? null : new(templates));
    }
}
