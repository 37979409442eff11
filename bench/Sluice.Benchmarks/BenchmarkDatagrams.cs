using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Benchmarks;

/// <summary>Realistic datagrams: what a switch and a host agent send.</summary>
internal static class BenchmarkDatagrams
{
    private static readonly SflowAddress Agent = SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.10"));

    /// <summary>
    /// A switch datagram: 7 expanded flow samples, each a 128-byte sampled Ethernet/IPv4/TCP header plus an
    /// extended switch record (about 1,400 bytes, the usual size under a 1,500-byte MTU).
    /// </summary>
    public static byte[] SwitchFlows()
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Agent, 0, 1, 1_000_000);
        for (var i = 0; i < 7; i++)
        {
            writer.BeginFlowSample(new SflowSample
            {
                SequenceNumber = (uint)i,
                SourceIdIndex = 12,
                SamplingRate = 4096,
                SamplePool = (uint)(4096 * i),
                Input = 12,
                Output = (uint)(20 + i),
            });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1);
            writer.Body.WriteUInt32(1518);
            writer.Body.WriteUInt32(4);
            writer.Body.WriteOpaque(TcpFrame((byte)i));
            writer.EndRecord();
            writer.BeginRecord(FlowRecordTags.ExtendedSwitch);
            writer.Body.WriteUInt32(10);
            writer.Body.WriteUInt32(0);
            writer.Body.WriteUInt32(10);
            writer.Body.WriteUInt32(0);
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    /// <summary>A host agent's counters datagram: description, CPU, memory, disk, network and one interface.</summary>
    public static byte[] HostCounters()
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Agent, 100000, 1, 1_000_000);
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 1, SourceIdClass = 2, SourceIdIndex = 1 });
        writer.BeginRecord(CounterRecordTags.HostDescription);
        writer.Body.WriteOpaque("web-01.example.net"u8);
        writer.Body.WriteFixed(new byte[16]);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(2);
        writer.Body.WriteOpaque("6.1.0-18-amd64"u8);
        writer.EndRecord();
        Words(ref writer, CounterRecordTags.HostCpu, 20);
        Words(ref writer, CounterRecordTags.HostMemory, 22);
        Words(ref writer, CounterRecordTags.HostDiskIo, 17);
        Words(ref writer, CounterRecordTags.HostNetIo, 12);
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 2, SourceIdIndex = 2 });
        Words(ref writer, CounterRecordTags.Generic, 22);
        writer.EndSample();
        return writer.Finish().ToArray();
    }

    private static void Words(ref SflowDatagramWriter writer, SflowTag tag, int words)
    {
        writer.BeginRecord(tag);
        for (var i = 0; i < words; i++)
        {
            writer.Body.WriteUInt32((uint)(i * 1000));
        }

        writer.EndRecord();
    }

    private static byte[] TcpFrame(byte variant)
    {
        var frame = new byte[128];
        byte[] prefix =
        [
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x81, 0x00, 0x00, 0x0a, 0x08, 0x00,
            0x45, 0x00, 0x05, 0xdc, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
            10, 0, 0, variant, 10, 0, 1, 2,
            0x01, 0xbb, 0xc3, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0x01, 0x00, 0, 0, 0, 0,
        ];
        prefix.CopyTo(frame, 0);
        return frame;
    }
}
