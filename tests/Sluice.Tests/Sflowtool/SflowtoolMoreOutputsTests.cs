using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;
using Sluice.Sflowtool;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Sflowtool;

/// <summary><c>-H</c> (common log format), <c>-P</c> (looping playback) and <c>-M</c> (whole datagrams as pcap).</summary>
public sealed class SflowtoolMoreOutputsTests
{
    [Fact]
    public void RunCommonLog_HttpSamples_PrintOneApacheLineEach()
    {
        var path = TestCapture.WritePcap("http", [HttpDatagram(FlowRecordTags.HttpRequest, authUser: ""), HttpDatagram(FlowRecordTags.HttpRequestDeprecated, authUser: "alice")]);

        var (code, stdout, _) = SflowtoolRun.Run("-r", path, "-H");

        // Made with InMon's sflowtool 6.11 -H on the same capture (TZ=UTC): the client is the socket's remote address.
        Assert.Equal(0, code);
        Assert.Equal(
            "192.0.2.33 - - [14/Nov/2023:22:13:20 +0000] \"GET /index.html HTTP/1.1\" 200 2326 \"-\" \"curl/8.0\"\n" +
            "192.0.2.33 - alice [14/Nov/2023:22:13:21 +0000] \"GET /index.html HTTP/1.1\" 200 2326 \"-\" \"curl/8.0\"\n",
            stdout);
    }

    [Fact]
    public async Task RunPlayback_ForwardingFile_LoopsUntilStopped()
    {
        using var receiver = new UdpTestSocket();
        var datagrams = TestCapture.Datagrams();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(
            () => SflowtoolProgram.Run(
                ["-r", TestCapture.Path, "-P", "100", "-f", $"127.0.0.1/{receiver.Port}"],
                Stream.Null,
                Stream.Null,
                TextWriter.Null,
                stop.Token,
                TimeZoneInfo.Utc),
            TestContext.Current.CancellationToken);

        // More datagrams than the file holds can only arrive if playback went round again.
        var received = new List<byte[]>();
        while (received.Count < (2 * datagrams.Count) + 1 && await receiver.ReceiveAsync(TimeSpan.FromSeconds(20)) is { } datagram)
        {
            received.Add(datagram);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal((2 * datagrams.Count) + 1, received.Count);
        for (var i = 0; i < received.Count; i++)
        {
            Assert.Equal(datagrams[i % datagrams.Count], received[i]);
        }
    }

    [Fact]
    public async Task ListenPcapDatagrams_Datagram_IsWrappedInDummyUdpFrame()
    {
        var port = UdpTestSocket.FreePort();
        var output = Path.Combine(Path.GetTempPath(), $"sluice-M-{Environment.ProcessId}.pcap");
        using var shell = SluiceProcess.StartShell($"{SluiceProcess.Command} sflowtool -4 -p {port} -M > '{output}'");
        var datagram = TestCapture.Datagrams()[0];
        var clock = Stopwatch.StartNew();
        try
        {
            // Resend until the listener is up and the first record has reached the file.
            while (new FileInfo(output) is { Exists: false } or { Length: < 24 + 16 + 42 } && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await UdpTestSocket.SendAsync(port, datagram);
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            shell.Dispose();
        }

        using var reader = new PcapReader(File.OpenRead(output));
        Assert.Equal(PcapLinkTypes.Ethernet, reader.LinkType);
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(reader.LinkType, record.Span, out var udp));
        Assert.Equal(6343, udp.SourcePort);
        Assert.Equal(6343, udp.DestinationPort);
        Assert.Equal(datagram, udp.Payload.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1 }, record.Span[..6].ToArray());
        File.Delete(output);
    }

    private static byte[] HttpDatagram(SflowTag httpTag, string authUser)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.1")), 0, 1, 1000);
        writer.BeginFlowSample(new SflowSample { SequenceNumber = 1, SourceIdClass = 3, SourceIdIndex = 80, SamplingRate = 10, SamplePool = 10 });

        writer.BeginRecord(FlowRecordTags.ExtendedSocketIPv4);
        writer.Body.WriteUInt32(6);
        writer.Body.WriteFixed([10, 0, 0, 1]);
        writer.Body.WriteFixed([192, 0, 2, 33]);
        writer.Body.WriteUInt32(80);
        writer.Body.WriteUInt32(54321);
        writer.EndRecord();

        writer.BeginRecord(httpTag);
        writer.Body.WriteUInt32(2); // GET
        writer.Body.WriteUInt32(1001); // HTTP/1.1
        writer.Body.WriteOpaque("/index.html"u8);
        writer.Body.WriteOpaque("example.com"u8);
        writer.Body.WriteOpaque(""u8);
        writer.Body.WriteOpaque("curl/8.0"u8);
        if (httpTag == FlowRecordTags.HttpRequest)
        {
            writer.Body.WriteOpaque(""u8); // X-Forwarded-For
        }

        writer.Body.WriteOpaque(System.Text.Encoding.ASCII.GetBytes(authUser));
        writer.Body.WriteOpaque("text/html"u8);
        if (httpTag == FlowRecordTags.HttpRequest)
        {
            writer.Body.WriteUInt64(100);
        }

        writer.Body.WriteUInt64(2326);
        writer.Body.WriteUInt32(1500);
        writer.Body.WriteUInt32(200);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
