using System.Buffers.Binary;
using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Tests.Serve;

namespace Sluice.Tests.Apps;

/// <summary>
/// sFlow datagrams sampling ICMP destination-unreachable messages (type 3) as a router or host sends them back to a
/// scanner: Ethernet, IPv4 protocol 1, and the quoted IPv4 + UDP header of the probe that failed.
/// </summary>
internal static class IcmpDatagrams
{
    public sealed record Unreachable(string SourceMac, string Source, string DestinationMac, string Destination, byte Code, ushort ProbedPort);

    public static byte[] Datagram(string agent, uint sequence, uint samplingRate, uint ifIndex, params Unreachable[] messages)
    {
        var buffer = new byte[8192];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(FlowDatagrams.Address(agent), 0, sequence, sequence * 100);
        var sampleSequence = sequence * (uint)messages.Length;
        foreach (var message in messages)
        {
            sampleSequence++;
            var packet = Packet(message);
            writer.BeginFlowSample(new SflowSample { SequenceNumber = sampleSequence, SourceIdIndex = ifIndex, SamplingRate = samplingRate, SamplePool = sampleSequence * samplingRate, Input = ifIndex, Output = 2 });
            writer.BeginRecord(FlowRecordTags.SampledHeader);
            writer.Body.WriteUInt32(1); // sFlow v5 sampled_header: protocol ethernet, frame_length, stripped, header<>
            writer.Body.WriteUInt32((uint)packet.Length + 4);
            writer.Body.WriteUInt32(4);
            writer.Body.WriteOpaque(packet);
            writer.EndRecord();
            writer.EndSample();
        }

        return writer.Finish().ToArray();
    }

    private static byte[] Packet(Unreachable message)
    {
        var packet = new byte[14 + 20 + 8 + 20 + 8];
        Convert.FromHexString(message.DestinationMac).CopyTo(packet, 0);
        Convert.FromHexString(message.SourceMac).CopyTo(packet, 6);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x0800);
        Ipv4(packet.AsSpan(14), 1, message.Source, message.Destination, 20 + 8 + 28);
        var icmp = packet.AsSpan(34);
        icmp[0] = 3; // ICMP destination unreachable (RFC 792)
        icmp[1] = message.Code;
        var quoted = icmp[8..];
        Ipv4(quoted, 17, message.Destination, message.Source, 28);
        BinaryPrimitives.WriteUInt16BigEndian(quoted[20..], 40000);
        BinaryPrimitives.WriteUInt16BigEndian(quoted[22..], message.ProbedPort);
        BinaryPrimitives.WriteUInt16BigEndian(quoted[24..], 8);
        return packet;
    }

    private static void Ipv4(Span<byte> ip, byte protocol, string source, string destination, int length)
    {
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)length);
        ip[8] = 64;
        ip[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip[12..]);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip[16..]);
    }
}
