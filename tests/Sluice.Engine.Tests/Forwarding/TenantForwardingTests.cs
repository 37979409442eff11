using System.Buffers.Binary;
using System.Net;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Datagrams;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

/// <summary>Tenants as a worker runs them: filters, re-encoding, batching and the flush timer, to a real UDP receiver.</summary>
public sealed class TenantForwardingTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Share_IfIndexFilter_SendsThatPortsFlowAndCounterSamplesOnly()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink("127.0.0.5");
        hub.Tenants.Set("t", Spec(sink, new TenantFilters { IfIndex = ["192.0.2.1_3"] }));
        var forwarder = new ShardForwarder(hub, 0);
        var mixed = EngineDatagrams.Mixed("192.0.2.1", 41);
        var otherPort = EngineDatagrams.Flows("192.0.2.1", 42, 100, 7, ("10.0.0.1", "10.0.0.2", 1000));
        var otherAgent = EngineDatagrams.Mixed("192.0.2.2", 43);

        forwarder.Share(mixed);
        forwarder.Share(otherPort);
        forwarder.Share(otherAgent);
        Assert.Empty(await sink.DrainAsync(Quiet));
        forwarder.Tick(Environment.TickCount64 + 1000);

        var datagram = Assert.Single(await sink.DrainAsync(Quiet));
        var (header, samples, result) = RawSamples.Of(datagram);
        Assert.True(result.IsSuccess);
        Assert.Equal(5u, header.Version);
        Assert.Equal(EngineDatagrams.Address("192.0.2.1"), header.Agent);
        Assert.Equal(1u, header.SequenceNumber);
        Assert.Equal(41_000u, header.Uptime);
        var original = RawSamples.Of(mixed).Samples;
        Assert.Equal([original[0], original[1]], samples);
        Assert.Equal(2, hub.Tenants.Get("t")!.Statistics.Samples);
    }

    [Fact]
    public async Task Share_CidrFilter_SendsSamplesWithAMatchingAddress()
    {
        var flows = EngineDatagrams.Flows("192.0.2.1", 1, 100, 3, ("10.0.0.1", "172.16.0.2", 1000), ("172.16.0.1", "172.16.0.2", 500), ("172.16.0.9", "10.0.0.77", 64));

        var samples = await OneTenantDatagramAsync(new TenantFilters { Cidr = ["10.0.0.0/24"] }, flows, EngineDatagrams.Mixed("192.0.2.1", 2));

        var original = RawSamples.Of(flows).Samples;
        Assert.Equal([original[0], original[2]], samples);
    }

    [Fact]
    public async Task Share_MacFilter_MatchesSampledHeaderAndSampledEthernet()
    {
        var datagram = MacDatagram();

        var samples = await OneTenantDatagramAsync(new TenantFilters { Mac = ["D8D385B2DD2B"] }, datagram);

        var original = RawSamples.Of(datagram).Samples;
        Assert.Equal([original[0], original[2]], samples);
    }

    [Fact]
    public async Task Share_CidrFilter_MatchesSampledIPv4AndIPv6Records()
    {
        var datagram = AddressRecordsDatagram(("10.0.0.9", "192.168.0.1"), ("192.168.0.2", "192.168.0.3"), ("2001:db8::5", "2001:db9::1"), ("2001:db9::1", "2001:db9::2"));

        var samples = await OneTenantDatagramAsync(new TenantFilters { Cidr = ["10.0.0.0/24", "2001:db8::/32"] }, datagram);

        var original = RawSamples.Of(datagram).Samples;
        Assert.Equal([original[0], original[2]], samples);
    }

    [Fact]
    public async Task Share_SampleLargerThanADatagram_IsSentAloneWithTheNextSequenceNumber()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Tenants.Set("t", Spec(sink, new TenantFilters { IfIndex = ["192.0.2.1_3"] }));
        var forwarder = new ShardForwarder(hub, 0);
        var small = EngineDatagrams.Flows("192.0.2.1", 1, 100, 3, ("10.0.0.1", "10.0.0.2", 1000));
        var large = CounterDatagrams.Sample(CounterDatagrams.Agent, 0, 3, CounterDatagrams.PortName(new string('x', 255)), CounterDatagrams.PortName(new string('y', 255)), CounterDatagrams.PortName(new string('z', 255)), CounterDatagrams.PortName(new string('w', 255)), CounterDatagrams.PortName(new string('v', 255)), CounterDatagrams.PortName(new string('u', 255)));

        forwarder.Share(small);
        forwarder.Share(large);
        forwarder.Tick(Environment.TickCount64 + 1000);

        var received = (await sink.DrainAsync(Quiet)).Select(RawSamples.Of).OrderBy(d => d.Header.SequenceNumber).ToList();
        Assert.Equal(2, received.Count);
        Assert.Equal(RawSamples.Of(large).Samples, received[0].Samples);
        Assert.True(RawSamples.Of(large).Samples[0].Length > 1400);
        Assert.Equal(RawSamples.Of(small).Samples, received[1].Samples);
        Assert.Equal([1u, 2u], received.Select(d => d.Header.SequenceNumber));
    }

    [Fact]
    public async Task Share_IfNameFilter_MatchesOnceCountersNameThePort()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Tenants.Set("t", Spec(sink, new TenantFilters { IfName = ["192.0.2.1_eth9"] }));
        var forwarder = new ShardForwarder(hub, 0);
        var before = EngineDatagrams.Flows("192.0.2.1", 1, 100, 9, ("10.0.0.1", "10.0.0.2", 1000));
        var counters = CounterDatagrams.Sample(CounterDatagrams.Agent, 0, 9, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 9 }), CounterDatagrams.PortName("eth9"));
        var after = EngineDatagrams.Flows("192.0.2.1", 2, 100, 9, ("10.0.0.1", "10.0.0.2", 1000));
        var otherName = CounterDatagrams.Sample(CounterDatagrams.Agent, 0, 8, CounterDatagrams.PortName("eth8"));

        forwarder.Share(before);
        forwarder.Share(counters);
        forwarder.Share(after);
        forwarder.Share(otherName);
        forwarder.Tick(Environment.TickCount64 + 1000);

        var (_, samples, _) = RawSamples.Of(Assert.Single(await sink.DrainAsync(Quiet)));
        Assert.Equal([RawSamples.Of(counters).Samples[0], RawSamples.Of(after).Samples[0]], samples);
    }

    [Fact]
    public async Task Share_ManySamples_BatchesIntoDatagramsOfAtMost1400BytesWithOwnSequence()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Tenants.Set("t", Spec(sink, new TenantFilters { IfIndex = ["192.0.2.1_3"] }));
        var forwarder = new ShardForwarder(hub, 0);
        var sent = new List<byte[]>();
        for (var i = 1; i <= 60; i++)
        {
            var datagram = EngineDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 200));
            sent.AddRange(RawSamples.Of(datagram).Samples);
            forwarder.Share(datagram);
        }

        forwarder.Tick(Environment.TickCount64 + 1000);

        var received = await sink.DrainAsync(Quiet);
        Assert.True(received.Count > 1);
        Assert.All(received, d => Assert.InRange(d.Length, 1, 1400));
        var decoded = received.Select(RawSamples.Of).ToList();
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (uint)i), decoded.Select(d => d.Header.SequenceNumber));
        Assert.All(decoded, d => Assert.True(d.Result.IsSuccess));
        Assert.Equal(sent, decoded.SelectMany(d => d.Samples));
    }

    [Fact]
    public async Task Share_TwoTenants_EachGetsOnlyItsSamples()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var first = new UdpSink("127.0.0.6");
        using var second = new UdpSink("127.0.0.7");
        hub.Tenants.Set("first", Spec(first, new TenantFilters { Cidr = ["10.0.0.1"] }));
        hub.Tenants.Set("second", Spec(second, new TenantFilters { Cidr = ["10.0.0.3/32"] }));
        var forwarder = new ShardForwarder(hub, 0);
        var flows = EngineDatagrams.Flows("192.0.2.1", 1, 100, 3, ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 200));

        forwarder.Share(flows);
        forwarder.Tick(Environment.TickCount64 + 1000);

        var original = RawSamples.Of(flows).Samples;
        Assert.Equal([original[0]], RawSamples.Of(Assert.Single(await first.DrainAsync(Quiet))).Samples);
        Assert.Equal([original[1]], RawSamples.Of(Assert.Single(await second.DrainAsync(Quiet))).Samples);
    }

    [Fact]
    public void Set_BadFilterEntry_ThrowsFormatExceptionNamingIt()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());

        foreach (var (filters, bad) in new[]
        {
            (new TenantFilters { IfIndex = ["192.0.2.1-3"] }, "192.0.2.1-3"),
            (new TenantFilters { IfIndex = ["192.0.2.1_x"] }, "192.0.2.1_x"),
            (new TenantFilters { IfName = ["switch_eth0"] }, "switch_eth0"),
            (new TenantFilters { Cidr = ["10.0.0.0/40"] }, "10.0.0.0/40"),
            (new TenantFilters { Mac = ["D8D385B2DD"] }, "D8D385B2DD"),
        })
        {
            var error = Assert.Throws<FormatException>(() => hub.Tenants.Set("t", new TenantSpec { CollectorAddress = "127.0.0.1", Filters = filters }));
            Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(hub.Tenants.All);
    }

    /// <summary>Shares <paramref name="datagrams"/> with one tenant, flushes, and returns the samples of the one datagram it is sent.</summary>
    private static async Task<List<byte[]>> OneTenantDatagramAsync(TenantFilters filters, params byte[][] datagrams)
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());
        using var sink = new UdpSink();
        hub.Tenants.Set("t", Spec(sink, filters));
        var forwarder = new ShardForwarder(hub, 0);
        foreach (var datagram in datagrams)
        {
            forwarder.Share(datagram);
        }

        forwarder.Tick(Environment.TickCount64 + 1000);
        return RawSamples.Of(Assert.Single(await sink.DrainAsync(Quiet))).Samples;
    }

    private static TenantSpec Spec(UdpSink sink, TenantFilters filters) =>
        new() { CollectorAddress = sink.Address, CollectorPort = sink.Port, Filters = filters };

    /// <summary>One flow sample per address pair, each with a sampled_ipv4 or sampled_ipv6 record (no packet header).</summary>
    private static byte[] AddressRecordsDatagram(params (string Source, string Destination)[] pairs)
    {
        var buffer = new byte[4096];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(EngineDatagrams.Address("192.0.2.1"), 0, 1, 100);
        foreach (var (source, destination) in pairs)
        {
            var from = IPAddress.Parse(source).GetAddressBytes();
            var to = IPAddress.Parse(destination).GetAddressBytes();
            writer.BeginFlowSample(new SflowSample { SequenceNumber = 1, SourceIdIndex = 3, SamplingRate = 100, Input = 3, Output = 4 });
            writer.BeginRecord(from.Length == 4 ? FlowRecordTags.SampledIPv4 : FlowRecordTags.SampledIPv6);
            writer.Body.WriteUInt32(100); // length, protocol, src_ip, dst_ip, src_port, dst_port, tcp_flags, tos or priority
            writer.Body.WriteUInt32(17);
            writer.Body.WriteFixed(from);
            writer.Body.WriteFixed(to);
            writer.Body.WriteUInt32(5000);
            writer.Body.WriteUInt32(53);
            writer.Body.WriteUInt32(0);
            writer.Body.WriteUInt32(0);
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    /// <summary>Three flow samples: a header from D8:D3:85:B2:DD:2B, a header between other MACs, and a sampled_ethernet to D8:D3:85:B2:DD:2B.</summary>
    private static byte[] MacDatagram()
    {
        byte[] tenant = [0xD8, 0xD3, 0x85, 0xB2, 0xDD, 0x2B];
        byte[] other = [0x02, 0, 0, 0, 0, 0x01];
        var buffer = new byte[4096];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(EngineDatagrams.Address("192.0.2.1"), 0, 1, 100);
        foreach (var (source, destination) in new[] { (tenant, other), (other, other) })
        {
            writer.BeginFlowSample(new SflowSample { SequenceNumber = 1, SourceIdIndex = 3, SamplingRate = 100, Input = 3, Output = 4 });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1);
            writer.Body.WriteUInt32(64);
            writer.Body.WriteUInt32(4);
            var frame = new byte[14 + 20];
            destination.CopyTo(frame, 0);
            source.CopyTo(frame, 6);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
            frame[14] = 0x45;
            IPAddress.Parse("192.168.1.1").GetAddressBytes().CopyTo(frame, 26);
            IPAddress.Parse("192.168.1.2").GetAddressBytes().CopyTo(frame, 30);
            writer.Body.WriteOpaque(frame);
            writer.EndRecord();
            writer.EndSample();
        }

        writer.BeginFlowSample(new SflowSample { SequenceNumber = 2, SourceIdIndex = 3, SamplingRate = 100, Input = 3, Output = 4 });
        writer.BeginRecord(FlowRecordTags.SampledEthernet);
        writer.Body.WriteUInt32(64);
        writer.Body.WriteFixed([.. other, 0, 0]);
        writer.Body.WriteFixed([.. tenant, 0, 0]);
        writer.Body.WriteUInt32(0x0800);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
