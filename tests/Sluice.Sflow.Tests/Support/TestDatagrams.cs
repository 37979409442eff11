using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Tests.Support;

/// <summary>Builds realistic datagrams with the library's own writer.</summary>
internal static class TestDatagrams
{
    public static readonly SflowAddress Agent = SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.10"));

    /// <summary>
    /// An Ethernet/IPv4/TCP frame header of <paramref name="length"/> bytes (a switch samples the first 128).
    /// </summary>
    public static byte[] TcpFrame(int length = 128, byte lastOctet = 1)
    {
        var frame = new byte[length];
        byte[] prefix =
        [
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00,
            0x45, 0x00, 0x05, 0xdc, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
            10, 0, 0, lastOctet, 10, 0, 1, 2,
            0x01, 0xbb, 0xc3, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0x01, 0x00, 0, 0, 0, 0,
        ];
        prefix.AsSpan(0, Math.Min(prefix.Length, length)).CopyTo(frame);
        return frame;
    }

    /// <summary>A datagram of expanded flow samples, each with a sampled header and an extended switch record.</summary>
    public static byte[] FlowDatagram(int samples = 7, int headerBytes = 128, uint sequence = 1)
    {
        var buffer = new byte[65536];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Agent, 0, sequence, 123456);
        for (var i = 0; i < samples; i++)
        {
            var sample = new SflowSample
            {
                SequenceNumber = (uint)(1000 + i),
                SourceIdIndex = 3,
                SamplingRate = 1024,
                SamplePool = (uint)(1024 * (i + 1)),
                Input = 3,
                Output = 7,
            };
            writer.BeginFlowSample(sample);
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1);
            writer.Body.WriteUInt32(1518);
            writer.Body.WriteUInt32(4);
            writer.Body.WriteOpaque(TcpFrame(headerBytes, (byte)(i + 1)));
            writer.EndRecord();
            writer.BeginRecord(FlowRecordTags.ExtendedSwitch);
            writer.Body.WriteUInt32(100);
            writer.Body.WriteUInt32(0);
            writer.Body.WriteUInt32(200);
            writer.Body.WriteUInt32(0);
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    /// <summary>A counters datagram as a host agent sends: host description plus an interface.</summary>
    public static byte[] CountersDatagram(uint sequence = 1)
    {
        var buffer = new byte[4096];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Agent, 100000, sequence, 5000);
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 1, SourceIdClass = 2, SourceIdIndex = 1 });
        writer.BeginRecord(CounterRecordTags.HostDescription);
        writer.Body.WriteOpaque("host-1"u8);
        writer.Body.WriteFixed(new byte[16]);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(2);
        writer.Body.WriteOpaque("6.1.0"u8);
        writer.EndRecord();
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 2, SourceIdIndex = 8 });
        writer.BeginRecord(CounterRecordTags.Generic);
        writer.Body.WriteUInt32(8);
        writer.Body.WriteUInt32(6);
        writer.Body.WriteUInt64(10_000_000_000);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt64(123456789);
        for (var i = 0; i < 6; i++)
        {
            writer.Body.WriteUInt32((uint)i);
        }

        writer.Body.WriteUInt64(987654321);
        for (var i = 0; i < 7; i++)
        {
            writer.Body.WriteUInt32((uint)i);
        }

        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }
}
