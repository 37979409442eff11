using System.Buffers.Binary;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;

namespace Sluice.Tests.Support;

/// <summary>
/// A small sFlow capture made for the packet-tool tests (none of the public captures samples DNS): four datagrams,
/// twelve flow samples whose sampled headers are 3 DNS queries, 3 TCP SYNs and 6 TCP data segments, plus a
/// discard sample carrying a DNS query.
/// </summary>
internal static class TestCapture
{
    public const int FlowSamples = 12;

    private static readonly Lazy<string> File = new(Build);

    /// <summary>Path of the capture, written once per test run.</summary>
    public static string Path => File.Value;

    /// <summary>The sFlow datagrams of the capture.</summary>
    public static List<byte[]> Datagrams()
    {
        var list = new List<byte[]>();
        var headers = Headers();
        for (var d = 0; d < 4; d++)
        {
            var buffer = new byte[4096];
            var writer = new SflowDatagramWriter(buffer);
            writer.WriteHeader(SflowAddress.FromIPv4([192, 0, 2, 1]), 0, (uint)d + 1, (uint)(1000 * d));
            for (var s = 0; s < 3; s++)
            {
                var header = headers[(d * 3) + s];
                writer.BeginFlowSample(new SflowSample { SequenceNumber = (uint)((d * 3) + s + 1), SourceIdIndex = 3, SamplingRate = 100, SamplePool = 1000, Input = 3, Output = 4 });
                WriteHeaderRecord(ref writer, header);
                writer.EndSample();
            }

            if (d == 3)
            {
                writer.BeginDiscardSample(new SflowSample { SequenceNumber = 1, SourceIdIndex = 3, Input = 3, Output = 0, DiscardReason = 1 });
                WriteHeaderRecord(ref writer, headers[0]);
                writer.EndSample();
            }

            list.Add(writer.Finish().ToArray());
        }

        return list;
    }

    private static void WriteHeaderRecord(ref SflowDatagramWriter writer, byte[] header)
    {
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        ref var body = ref writer.Body;
        body.WriteUInt32(1); // Ethernet
        body.WriteUInt32((uint)header.Length + 4); // frame length including the FCS
        body.WriteUInt32(4); // stripped FCS
        body.WriteOpaque(header);
        writer.EndRecord();
    }

    private static string Build() => WritePcap("sflowtool-test", Datagrams());

    /// <summary>Writes datagrams as a classic pcap (Ethernet/IPv4/UDP to port 6343, one second apart from 2023-11-14T22:13:20Z).</summary>
    public static string WritePcap(string name, IEnumerable<byte[]> datagrams)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sluice-{name}-{Environment.ProcessId}.pcap");
        using var stream = System.IO.File.Create(path);
        using var pcap = new PcapWriter(stream);
        var frame = new byte[9000];
        var time = 1_700_000_000L * 1_000_000_000;
        foreach (var datagram in datagrams)
        {
            var length = UdpFrameBuilder.Write(frame, IpAddressBytes.FromIPv4([192, 0, 2, 1]), 50000, IpAddressBytes.FromIPv4([192, 0, 2, 2]), 6343, datagram);
            pcap.WriteRecord(time, frame.AsSpan(0, length));
            time += 1_000_000_000;
        }

        return path;
    }

    private static List<byte[]> Headers()
    {
        var headers = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            headers.Add(Dns((ushort)(0x1000 + i), i));
            headers.Add(Tcp(i, syn: true));
            headers.Add(Tcp(i, syn: false));
        }

        for (var i = 3; i < 6; i++)
        {
            headers.Add(Tcp(i, syn: false));
        }

        return headers;
    }

    // 10.0.0.<10+i> asks 10.0.0.1 for the A record of example.com.
    private static byte[] Dns(ushort id, int i)
    {
        byte[] question = [.. Name("example"), .. Name("com"), 0, 0, 1, 0, 1];
        var dns = new byte[12 + question.Length];
        BinaryPrimitives.WriteUInt16BigEndian(dns, id);
        dns[2] = 0x01; // recursion desired
        dns[5] = 1; // one question
        question.CopyTo(dns, 12);
        var udp = new byte[8 + dns.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)(40000 + i));
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 53);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        dns.CopyTo(udp, 8);
        return Frame(17, [10, 0, 0, (byte)(10 + i)], [10, 0, 0, 1], udp);
    }

    private static byte[] Tcp(int i, bool syn)
    {
        var tcp = new byte[syn ? 20 : 20 + 100];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)(50000 + i));
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), 443);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), 1000);
        tcp[12] = 0x50; // 20-byte header
        tcp[13] = syn ? (byte)0x02 : (byte)0x18;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        return Frame(6, [10, 0, 1, (byte)(20 + i)], [10, 0, 2, 1], tcp);
    }

    private static byte[] Frame(byte protocol, byte[] source, byte[] destination, byte[] payload)
    {
        var frame = new byte[14 + 20 + payload.Length];
        byte[] mac = [0x02, 0, 0, 0, 0, 0x0A, 0x02, 0, 0, 0, 0, 0x0B];
        mac.CopyTo(frame, 0);
        frame[12] = 0x08;
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 0x1234);
        ip[8] = 64;
        ip[9] = protocol;
        source.CopyTo(ip[12..]);
        destination.CopyTo(ip[16..]);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~(sum + (sum >> 16)));
        payload.CopyTo(frame, 34);
        return frame;
    }

    private static byte[] Name(string label) => [(byte)label.Length, .. System.Text.Encoding.ASCII.GetBytes(label)];
}
