using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// Forwarding sessions and tenants over REST (sflow-rt-api.md §1.6), with real receivers: <c>sluice sflowtool</c> as a
/// child process, tcpdump on the loopback interface and tshark.
/// </summary>
public sealed class ForwardingEndpointsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] AgentOfSessionC = ["10.0.0.254"];
    private static readonly string[] TenantSampleTypes = ["FLOWSAMPLE", "COUNTERSSAMPLE"];

    [Fact]
    public async Task SeedSessions_CurlCommands_CreateListAndDelete()
    {
        await using var host = await ServeTestHost.StartAsync();
        var url = host.Http.BaseAddress!.ToString().TrimEnd('/');

        // The article's commands, with the analyzer at 127.0.0.30 instead of 10.0.0.30 (tests send only to loopback).
        var (code, stdout, stderr) = await SluiceProcess.BashAsync(
            $"""
            curl -sf -H "Content-Type:application/json" -X PUT --data '{"{"}"address":"127.0.0.30"{"}"}' \
            {url}/forwarding/SessionA/json
            curl -sf -H "Content-Type:application/json" \
            -X PUT --data '{"{"}"address":"127.0.0.30","port":7343{"}"}' \
            {url}/forwarding/SessionB/json
            curl -sf -H "Content-Type:application/json" \
            -X PUT --data '{"{"}"address":"127.0.0.30","port":8343,"agents":["10.0.0.254"]{"}"}' \
            {url}/forwarding/SessionC/json
            curl -sf {url}/forwarding/json
            echo
            curl -sf -X DELETE {url}/forwarding/SessionB/json
            curl -sf {url}/forwarding/json
            """,
            Timeout);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var before = JsonDocument.Parse(lines[0]);
        using var after = JsonDocument.Parse(lines[1]);
        Assert.Equal(["SessionA", "SessionB", "SessionC"], before.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6343, before.RootElement.GetProperty("SessionA").GetProperty("port").GetInt32());
        Assert.Equal(7343, before.RootElement.GetProperty("SessionB").GetProperty("port").GetInt32());
        var c = before.RootElement.GetProperty("SessionC");
        Assert.Equal("127.0.0.30", c.GetProperty("address").GetString());
        Assert.Equal("10.0.0.254", c.GetProperty("agents")[0].GetString());
        Assert.Equal(0, c.GetProperty("datagramsForwarded").GetInt64());
        Assert.Equal(["SessionA", "SessionC"], after.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Put_OutsideAllowList_Returns403WithReason()
    {
        await using var host = await ServeTestHost.StartAsync(("forwarding:allow", "127.0.0.0/8"));
        var cancel = TestContext.Current.CancellationToken;

        using var session = await host.Http.PutAsJsonAsync("/forwarding/SessionA/json", new { address = "10.0.0.30" }, cancel);
        using var tenant = await host.Http.PutAsJsonAsync("/tenant/t/json", new { collectorAddress = "10.0.0.30" }, cancel);
        using var allowed = await host.Http.PutAsJsonAsync("/forwarding/SessionA/json", new { address = "127.0.0.30" }, cancel);

        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.Contains("forwarding.allow=127.0.0.0/8", await session.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, tenant.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
    }

    [Fact]
    public async Task Put_HttpReadonly_Returns403AndChangesNothing()
    {
        await using var host = await ServeTestHost.StartAsync(("http:readonly", "yes"));
        var cancel = TestContext.Current.CancellationToken;

        using var session = await host.Http.PutAsJsonAsync("/forwarding/SessionA/json", new { address = "127.0.0.30" }, cancel);
        using var tenant = await host.Http.PutAsJsonAsync("/tenant/t/json", new { collectorAddress = "127.0.0.30" }, cancel);

        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tenant.StatusCode);
        Assert.Equal("{}", await host.Http.GetStringAsync("/forwarding/json", cancel));
        Assert.Equal("{}", await host.Http.GetStringAsync("/tenant/json", cancel));
    }

    [Theory]
    [InlineData("/forwarding/s/json", "{\"port\":6343}", "address is required")]
    [InlineData("/forwarding/s/json", "{\"address\":\"analyzer.example\"}", "analyzer.example")]
    [InlineData("/forwarding/s/json", "{\"address\":\"127.0.0.1\",\"port\":70000}", "port")]
    [InlineData("/forwarding/s/json", "{\"address\":\"127.0.0.1\",\"agents\":\"10.0.0.1\"}", "agents")]
    [InlineData("/forwarding/s/json", "{\"address\":", "")]
    [InlineData("/tenant/t/json", "{\"collectorAddress\":\"127.0.0.1\",\"filters\":{\"ifindex\":[\"10.0.0.1-2\"]}}", "10.0.0.1-2")]
    [InlineData("/tenant/t/json", "{\"collectorAddress\":\"127.0.0.1\",\"filters\":{\"vlan\":[\"1\"]}}", "filters.vlan")]
    [InlineData("/tenant/t/json", "{\"filters\":{}}", "collectorAddress is required")]
    public async Task Put_BadBody_Returns400WithReason(string path, string body, string reason)
    {
        await using var host = await ServeTestHost.StartAsync();
        var cancel = TestContext.Current.CancellationToken;

        using var response = await host.Http.PutAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancel);
        using var list = JsonDocument.Parse(await host.Http.GetStringAsync(path.StartsWith("/tenant", StringComparison.Ordinal) ? "/tenant/json" : "/forwarding/json", cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        Assert.Empty(list.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task Forwarding_ToSflowtoolChild_ArrivesByteIdenticalUntilDeleted()
    {
        await using var host = await ServeTestHost.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        var port = FreePort();
        using var child = SluiceProcess.StartSflowtool("-p", port.ToString(CultureInfo.InvariantCulture), "-M");
        try
        {
            // -M writes the pcap file header once its sockets are bound: that header is the readiness signal.
            var output = child.StandardOutput.BaseStream;
            using var reading = Task.Run(() => new PcapUdpReader(output, leaveOpen: true), cancel);
            using var reader = await reading.WaitAsync(Timeout, cancel);
            var session = new { address = "127.0.0.1", port };
            (await host.Http.PutAsJsonAsync("/forwarding/sflowtool/json", session, cancel)).Dispose();
            var datagrams = TestCapture.Datagrams();

            await host.SendAsync(datagrams);
            var received = await Task.Run(() => Read(reader, datagrams.Count), cancel).WaitAsync(Timeout, cancel);
            // The worker counts right after its send returns, which may be just after the collector has the datagrams.
            var deadline = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < deadline && await ForwardedAsync(host, "sflowtool") < datagrams.Count)
            {
                await Task.Delay(20, cancel);
            }

            using var statistics = JsonDocument.Parse(await host.Http.GetStringAsync("/forwarding/sflowtool/json", cancel));
            using var deleted = await host.Http.DeleteAsync("/forwarding/sflowtool/json", cancel);
            await host.SendAsync([datagrams[0]]);
            (await host.Http.PutAsJsonAsync("/forwarding/sflowtool/json", session, cancel)).Dispose();
            await host.SendAsync([datagrams[3]]);
            var next = await Task.Run(() => Read(reader, 1), cancel).WaitAsync(Timeout, cancel);

            Assert.Equal(datagrams, received);
            Assert.Equal(datagrams.Count, statistics.RootElement.GetProperty("datagramsForwarded").GetInt64());
            Assert.Equal(datagrams.Sum(d => (long)d.Length), statistics.RootElement.GetProperty("bytesForwarded").GetInt64());
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            // Same agent, same worker, in order: had the deleted session still sent datagram 0, it would come first.
            Assert.Equal([datagrams[3]], next);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(cancel);
        }
    }

    [Fact]
    public async Task SeedSessions_Tcpdump_SeesEveryDatagramByteIdenticalAndOnlyTheAgentsOfSessionC()
    {
        await using var host = await ServeTestHost.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var datagrams = TestCapture.Datagrams();
        var other = FlowDatagrams.Flows("10.0.0.254", 1, 100, 5, ("10.0.0.1", "10.0.0.2", 100));
        // SessionA and SessionB get all five datagrams, SessionC only the one from 10.0.0.254.
        using var capture = await LoopbackCapture.StartAsync(
            $"udp and dst host 127.0.0.30 and (dst port {ports[0]} or dst port {ports[1]} or dst port {ports[2]})", (2 * (datagrams.Count + 1)) + 1, Timeout);
        (await host.Http.PutAsJsonAsync("/forwarding/SessionA/json", new { address = "127.0.0.30", port = ports[0] }, cancel)).Dispose();
        (await host.Http.PutAsJsonAsync("/forwarding/SessionB/json", new { address = "127.0.0.30", port = ports[1] }, cancel)).Dispose();
        (await host.Http.PutAsJsonAsync("/forwarding/SessionC/json", new { address = "127.0.0.30", port = ports[2], agents = AgentOfSessionC }, cancel)).Dispose();

        await host.SendAsync([.. datagrams, other]);
        var captured = await capture.DatagramsAsync(Timeout);

        Assert.All(captured, d => Assert.Equal("127.0.0.30", d.Destination));
        byte[][] all = [.. datagrams, other];
        Assert.Equal(Sorted(all), Sorted(captured.Where(d => d.Port == ports[0]).Select(d => d.Payload)));
        Assert.Equal(Sorted(all), Sorted(captured.Where(d => d.Port == ports[1]).Select(d => d.Payload)));
        Assert.Equal([other], captured.Where(d => d.Port == ports[2]).Select(d => d.Payload));
    }

    [Fact]
    public async Task Tenant_IfIndexFilter_SflowtoolAndTsharkSeeOnlyTheTenantsSamples()
    {
        SluiceProcess.RequireTool("tshark");
        await using var host = await ServeTestHost.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        var port = FreePort();
        using var child = SluiceProcess.StartSflowtool("-p", port.ToString(CultureInfo.InvariantCulture), "-j");
        try
        {
            await UdpListeners.WaitForAsync(port, Timeout);
            var tenant = new { collectorAddress = "127.0.0.1", collectorPort = port, filters = new { ifindex = new[] { "192.0.2.1_3" } } };
            using var put = await host.Http.PutAsJsonAsync("/tenant/customer/json", tenant, cancel);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            // Ports 3 and 7 each carry flow samples and counters; only port 3's are the tenant's (8 samples in all).
            var datagrams = Enumerable.Range(1, 4).Select(i => TenantDatagram((uint)i)).ToList();
            using var capture = await LoopbackCapture.StartAsync($"udp and dst port {port}", 1, Timeout);

            await host.SendAsync(datagrams);
            var lines = await ReadJsonLinesAsync(child, samples: 8).WaitAsync(Timeout, cancel);
            var captured = await capture.DatagramsAsync(Timeout);
            // The worker counts right after its send returns, which may be just after the collector has the datagram.
            var deadline = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < deadline && await TenantSamplesAsync(host, "customer") < 8)
            {
                await Task.Delay(20, cancel);
            }

            using var list = JsonDocument.Parse(await host.Http.GetStringAsync("/tenant/json", cancel));
            using var detail = JsonDocument.Parse(await host.Http.GetStringAsync("/tenant/customer/json", cancel));
            var (tshark, tsharkOut, tsharkErr) = await SluiceProcess.BashAsync(
                $"tshark -r '{capture.File}' -d udp.port=={port},sflow -T fields -E separator=';' -e sflow_245.agent -e sflow_245.sequence_number -e sflow_245.numsamples -e sflow.flow_sample.input_interface_value -e sflow.counters_sample.source_id_index -e _ws.malformed -e _ws.expert",
                Timeout);

            var samples = lines.SelectMany(l => l.RootElement.GetProperty("samples").EnumerateArray()).ToList();
            Assert.Equal(8, samples.Count);
            Assert.All(lines, l => Assert.Equal("192.0.2.1", l.RootElement.GetProperty("agent").GetString()));
            Assert.Equal("1", lines[0].RootElement.GetProperty("packetSequenceNo").GetString());
            Assert.All(samples, s => Assert.Contains(s.GetProperty("sampleType").GetString(), TenantSampleTypes));
            Assert.All(samples.Where(s => s.GetProperty("sampleType").GetString() == "FLOWSAMPLE"), s => Assert.Equal("3", s.GetProperty("inputPort").GetString()));
            Assert.All(samples.Where(s => s.GetProperty("sampleType").GetString() == "COUNTERSSAMPLE"), s => Assert.Equal("0:3", s.GetProperty("sourceId").GetString()));
            Assert.Equal(8, list.RootElement.GetProperty("customer").GetInt64());
            Assert.Equal("192.0.2.1_3", detail.RootElement.GetProperty("filters").GetProperty("ifindex")[0].GetString());
            Assert.True(tshark == 0, tsharkErr);
            var fields = tsharkOut.Trim().Split(';');
            Assert.True(fields.Length == 7, tsharkOut);
            Assert.Equal(["192.0.2.1", "1"], fields[..2]);
            Assert.Equal(RawSampleCount(captured[0].Payload).ToString(CultureInfo.InvariantCulture), fields[2]);
            var flowInputs = fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var counterSources = fields[4].Split(',', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(RawSampleCount(captured[0].Payload), flowInputs.Length + counterSources.Length);
            Assert.All(flowInputs, i => Assert.Equal("3", i));
            Assert.All(counterSources, i => Assert.Equal("3", i));
            Assert.Equal(string.Empty, fields[5] + fields[6]);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(cancel);
        }
    }

    /// <summary>Two flow samples (in on port 3, in on port 7) and counters for ports 3 and 7.</summary>
    private static byte[] TenantDatagram(uint sequence)
    {
        var buffer = new byte[4096];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(FlowDatagrams.Address("192.0.2.1"), 0, sequence, sequence * 1000);
        foreach (var ifIndex in new uint[] { 3, 7 })
        {
            var flow = FlowDatagrams.Flows("192.0.2.1", sequence, 100, ifIndex, ("10.0.0.1", "10.0.0.2", 100));
            var (tag, body) = FirstSample(flow);
            writer.WriteRawSample(tag, body);
        }

        foreach (var ifIndex in new uint[] { 3, 7 })
        {
            writer.BeginCountersSample(new SflowSample { SequenceNumber = sequence, SourceIdIndex = ifIndex });
            writer.BeginRecord(CounterRecordTags.PortName);
            writer.Body.WriteOpaque(System.Text.Encoding.ASCII.GetBytes($"eth{ifIndex}"));
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    private static (SflowTag Tag, byte[] Body) FirstSample(byte[] datagram)
    {
        var visitor = new FirstSampleVisitor();
        SflowDecoder.Decode(datagram, ref visitor);
        return (visitor.Tag, visitor.Body!);
    }

    private static async Task<long> ForwardedAsync(ServeTestHost host, string session)
    {
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/forwarding/{session}/json", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("datagramsForwarded").GetInt64();
    }

    private static async Task<long> TenantSamplesAsync(ServeTestHost host, string tenant)
    {
        using var list = JsonDocument.Parse(await host.Http.GetStringAsync("/tenant/json", TestContext.Current.CancellationToken));
        return list.RootElement.GetProperty(tenant).GetInt64();
    }

    private static int RawSampleCount(byte[] datagram) => SflowDecoder.TryReadHeader(datagram, out var header) ? (int)header.SampleCount : -1;

    private static List<byte[]> Read(PcapUdpReader reader, int count)
    {
        var datagrams = new List<byte[]>();
        while (datagrams.Count < count && reader.TryRead(out var datagram))
        {
            datagrams.Add(datagram.Payload.ToArray());
        }

        return datagrams;
    }

    private static async Task<List<JsonDocument>> ReadJsonLinesAsync(Process process, int samples)
    {
        var lines = new List<JsonDocument>();
        var seen = 0;
        while (seen < samples && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var document = JsonDocument.Parse(line);
            lines.Add(document);
            seen += document.RootElement.GetProperty("samples").GetArrayLength();
        }

        return lines;
    }

    private static List<string> Sorted(IEnumerable<byte[]> datagrams) => [.. datagrams.Select(Convert.ToHexString).Order(StringComparer.Ordinal)];

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private struct FirstSampleVisitor : ISflowVisitor
    {
        public SflowTag Tag { get; private set; }

        public byte[]? Body { get; private set; }

        public readonly void OnDatagram(in SflowDatagramHeader header)
        {
        }

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
            if (Body is null)
            {
                Tag = sample.Tag;
                Body = body.ToArray();
            }
        }

        public readonly bool OnRecord(in SflowSample sample, in SflowRecord record) => true;

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
