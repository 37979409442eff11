using System.Buffers.Binary;
using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>Datagrams for engine tests, built with the codec's writer.</summary>
internal static class EngineDatagrams
{
    public static SflowAddress Address(string text) => SflowAddress.FromIPAddress(IPAddress.Parse(text));

    /// <summary>A datagram from <paramref name="agent"/> with one flow sample on ifIndex 3 and one counters sample for ifIndex 3.</summary>
    public static byte[] Mixed(string agent, uint sequence, uint sampleSequence = 1, uint samplingRate = 512)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Address(agent), 0, sequence, sequence * 1000);
        writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = 3, SamplingRate = samplingRate, SamplePool = sampleSequence * samplingRate, Input = 3, Output = 4 });
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(1518);
        writer.Body.WriteUInt32(4);
        writer.Body.WriteOpaque(new byte[64]);
        writer.EndRecord();
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = 3 });
        writer.BeginRecord(CounterRecordTags.Generic);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(6);
        writer.Body.WriteUInt64(10_000_000_000);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt64(sampleSequence * 1_000_000UL);
        for (var i = 0; i < 6; i++)
        {
            writer.Body.WriteUInt32(sampleSequence * 100);
        }

        writer.Body.WriteUInt64(sampleSequence * 2_000_000UL);
        for (var i = 0; i < 7; i++)
        {
            writer.Body.WriteUInt32(0);
        }

        writer.EndRecord();
        writer.EndSample();
        writer.BeginCountersSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdClass = 2, SourceIdIndex = 1 });
        writer.BeginRecord(CounterRecordTags.HostDescription);
        writer.Body.WriteOpaque("host-a"u8);
        writer.Body.WriteFixed(new byte[16]);
        writer.Body.WriteUInt32(3);
        writer.Body.WriteUInt32(2);
        writer.Body.WriteOpaque("6.1"u8);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }

    /// <summary>
    /// A datagram from <paramref name="agent"/> with one flow sample per packet, on ifIndex <paramref name="ifIndex"/>,
    /// each an Ethernet/IPv4/UDP header of the given source, destination and frame length.
    /// </summary>
    public static byte[] Flows(string agent, uint sequence, uint samplingRate, uint ifIndex, params (string Source, string Destination, uint FrameLength)[] packets) =>
        UdpFlows(agent, sequence, samplingRate, ifIndex, 5000, 53, packets);

    /// <summary>As <see cref="Flows"/>, with the UDP ports of every packet.</summary>
    public static byte[] UdpFlows(string agent, uint sequence, uint samplingRate, uint ifIndex, ushort sourcePort, ushort destinationPort, params (string Source, string Destination, uint FrameLength)[] packets)
    {
        var buffer = new byte[8192];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Address(agent), 0, sequence, sequence * 100);
        var sampleSequence = sequence * (uint)packets.Length;
        foreach (var (source, destination, frameLength) in packets)
        {
            sampleSequence++;
            writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = ifIndex, SamplingRate = samplingRate, SamplePool = sampleSequence * samplingRate, Input = ifIndex, Output = 4 });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1); // sFlow v5 sampled_header: protocol ethernet, frame_length, stripped, header<>
            writer.Body.WriteUInt32(frameLength);
            writer.Body.WriteUInt32(4);
            writer.Body.WriteOpaque(UdpPacket(source, destination, sourcePort, destinationPort));
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    /// <summary>
    /// A datagram from <paramref name="agent"/> with one flow sample per frame, taken at data source (ifIndex)
    /// <paramref name="dataSource"/> on frames that came in on <paramref name="input"/> and left by <paramref name="output"/>:
    /// an ingress sample when the data source is the input, an egress sample when it is the output.
    /// </summary>
    public static byte[] Crossing(string agent, uint sequence, uint samplingRate, uint dataSource, uint input, uint output, params TestFrame[] frames)
    {
        var buffer = new byte[8192];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Address(agent), 0, sequence, sequence * 100);
        var sampleSequence = sequence * (uint)frames.Length;
        foreach (var frame in frames)
        {
            sampleSequence++;
            writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = dataSource, SamplingRate = samplingRate, SamplePool = sampleSequence * samplingRate, Input = input, Output = output });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1); // sFlow v5 sampled_header: protocol ethernet, frame_length, stripped, header<>
            writer.Body.WriteUInt32(frame.FrameLength);
            writer.Body.WriteUInt32(4);
            var packet = UdpPacket(frame.Source, frame.Destination);
            Convert.FromHexString(frame.DestinationMac).CopyTo(packet, 0);
            Convert.FromHexString(frame.SourceMac).CopyTo(packet, 6);
            writer.Body.WriteOpaque(packet);
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    /// <summary>A discard sample from <paramref name="agent"/> on ifIndex 3 with one Ethernet/IPv4/UDP header.</summary>
    public static byte[] Discard(string agent, uint sequence, string source, string destination)
    {
        var buffer = new byte[2048];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(Address(agent), 0, sequence, sequence * 100);
        writer.BeginDiscardSample(new SflowSample { SequenceNumber = sequence, SourceIdIndex = 3, Input = 3, Output = 4, DiscardReason = 262 });
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        writer.Body.WriteUInt32(1);
        writer.Body.WriteUInt32(100);
        writer.Body.WriteUInt32(4);
        writer.Body.WriteOpaque(UdpPacket(source, destination));
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }

    /// <summary>An Ethernet/IPv4/UDP header (no payload) from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static byte[] UdpPacket(string source, string destination, ushort sourcePort = 5000, ushort destinationPort = 53)
    {
        var packet = new byte[14 + 20 + 8];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x0800);
        var ip = packet.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 1500);
        ip[8] = 64;
        ip[9] = 17;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip[12..]);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(36), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(38), 8);
        return packet;
    }
}
