using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;

namespace Sluice.Tests.Serve;

/// <summary>
/// A capture with known counters, so every rate can be worked out by hand: two agents, each with one interface
/// and a host, polled twice ten seconds apart.
/// </summary>
internal static class CounterCapture
{
    public sealed record Port(string Agent, uint IfIndex, string Name, ulong Speed, ulong InOctets0, ulong InOctets1, string Host, float LoadOne, uint CpuNum);

    /// <summary>Agent 192.0.2.1: swp3 at 1G, 12,345,000 octets in 10 s; agent 192.0.2.2: swp7 at 10G, 5,000,000 octets.</summary>
    public static readonly Port[] Ports =
    [
        new("192.0.2.1", 3, "swp3", 1_000_000_000, 1_000_000, 13_345_000, "leaf1", 0.5f, 4),
        new("192.0.2.2", 7, "swp7", 10_000_000_000, 0, 5_000_000, "leaf2", 1.5f, 2),
    ];

    private static readonly Lazy<string> File = new(WriteFile);

    /// <summary>The capture's path; written once per test run (tests replay it concurrently).</summary>
    public static string Write() => File.Value;

    private static string WriteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sluice-counters-{Environment.ProcessId}.pcap");
        using var stream = System.IO.File.Create(path);
        using var pcap = new PcapWriter(stream);
        var frame = new byte[4096];
        var start = 1_700_000_000L * 1_000_000_000;
        for (var poll = 0; poll < 2; poll++)
        {
            foreach (var port in Ports)
            {
                var datagram = Datagram(port, poll);
                var length = UdpFrameBuilder.Write(frame, IpAddressBytes.FromIPAddress(IPAddress.Parse(port.Agent)), 50000, IpAddressBytes.FromIPv4([127, 0, 0, 1]), 6343, datagram);
                pcap.WriteRecord(start + (poll * 10_000_000_000L), frame.AsSpan(0, length));
            }
        }

        return path;
    }

    private static byte[] Datagram(Port port, int poll)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(SflowAddress.FromIPAddress(IPAddress.Parse(port.Agent)), 0, (uint)poll + 1, (uint)(poll * 10_000));
        writer.BeginCountersSample(new SflowSample { SequenceNumber = (uint)poll + 1, SourceIdIndex = port.IfIndex });
        writer.BeginRecord(CounterRecordTags.PortName);
        writer.Body.WriteOpaque(System.Text.Encoding.ASCII.GetBytes(port.Name));
        writer.EndRecord();
        writer.BeginRecord(CounterRecordTags.Generic);
        ref var body = ref writer.Body;
        body.WriteUInt32(port.IfIndex);
        body.WriteUInt32(6);
        body.WriteUInt64(port.Speed);
        body.WriteUInt32(1);
        body.WriteUInt32(3);
        body.WriteUInt64(poll == 0 ? port.InOctets0 : port.InOctets1);
        body.WriteUInt32(poll == 0 ? 1000u : 2000u); // unicast: 100/s
        body.WriteUInt32(poll == 0 ? 0u : 50u); // multicast: 5/s
        body.WriteUInt32(poll == 0 ? 0u : 20u); // broadcast: 2/s
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteUInt64(0);
        for (var i = 0; i < 6; i++)
        {
            body.WriteUInt32(0);
        }

        writer.EndRecord();
        writer.EndSample();

        writer.BeginCountersSample(new SflowSample { SequenceNumber = (uint)poll + 1, SourceIdClass = 2, SourceIdIndex = 1 });
        writer.BeginRecord(CounterRecordTags.HostDescription);
        writer.Body.WriteOpaque(System.Text.Encoding.ASCII.GetBytes(port.Host));
        writer.Body.WriteFixed(new byte[16]);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(2);
        writer.Body.WriteOpaque("6.1.0"u8);
        writer.EndRecord();
        writer.BeginRecord(CounterRecordTags.HostCpu);
        writer.Body.WriteSingle(port.LoadOne);
        writer.Body.WriteSingle(port.LoadOne);
        writer.Body.WriteSingle(port.LoadOne);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(100);
        writer.Body.WriteUInt32(port.CpuNum);
        for (var i = 0; i < 11; i++)
        {
            writer.Body.WriteUInt32(0);
        }

        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
