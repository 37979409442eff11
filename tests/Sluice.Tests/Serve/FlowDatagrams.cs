using System.Buffers.Binary;
using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Tests.Serve;

/// <summary>Flow-sample datagrams with known traffic, built with the codec's writer.</summary>
internal static class FlowDatagrams
{
    public static SflowAddress Address(string text) => SflowAddress.FromIPAddress(IPAddress.Parse(text));

    /// <summary>
    /// A datagram from <paramref name="agent"/> with one flow sample per packet on ifIndex <paramref name="ifIndex"/>,
    /// each an Ethernet/IPv4/UDP header of the given source, destination and frame length.
    /// </summary>
    public static byte[] Flows(string agent, uint sequence, uint samplingRate, uint ifIndex, params (string Source, string Destination, uint FrameLength)[] packets)
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
            writer.Body.WriteOpaque(UdpPacket(source, destination));
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    private static byte[] UdpPacket(string source, string destination)
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
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), 5000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(36), 53);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(38), 8);
        return packet;
    }
}
