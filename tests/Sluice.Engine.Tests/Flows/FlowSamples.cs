using System.Buffers.Binary;
using Sluice.Engine.Flows;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

/// <summary>Flow samples for the flow language tests: every flow sample of a capture, or one hand-built packet.</summary>
internal static class FlowSamples
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Sluice.slnx not found");
    }

    public static string Capture(string name) => Path.Combine(RepositoryRoot(), "tests", "testdata", "captures", name);

    public static string Shared(string name)
    {
        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED") ?? Path.Combine(RepositoryRoot(), "..", "shared");
        return Path.Combine(shared, "testdata", "sflow", name);
    }

    /// <summary>One filled context per flow or discard sample of the capture.</summary>
    public static List<FlowSampleContext> Load(string path)
    {
        var collector = new Collector();
        using var stream = File.OpenRead(path);
        using var reader = new PcapUdpReader(stream);
        while (reader.TryRead(out var datagram))
        {
            SflowDecoder.Decode(datagram.Payload.Span, ref collector);
        }

        return collector.Samples;
    }

    public static IEnumerable<string> AllCaptures()
    {
        foreach (var name in new[] { "ovs.pcap", "ovs-encap.pcap", "hsflowd.pcap", "pmacct-sfprobe.pcap" })
        {
            yield return Capture(name);
        }

        var shared = Path.GetDirectoryName(Shared("x"))!;
        if (Directory.Exists(shared))
        {
            foreach (var file in Directory.GetFiles(shared, "*.pcap"))
            {
                yield return file;
            }
        }
    }

    /// <summary>An Ethernet/IPv4/TCP packet (or UDP when <paramref name="protocol"/> is 17) sampled on ifIndex 3 at 1-in-100.</summary>
    public static FlowSampleContext Tcp(
        string source = "10.0.0.1", string destination = "192.168.1.2", byte protocol = 6, ushort sourcePort = 40000,
        ushort destinationPort = 443, ushort tcpFlags = 0x012, byte tos = 0xB9, uint frameLength = 1514) =>
        FromHeader(TcpPacket(source, destination, protocol, sourcePort, destinationPort, tcpFlags, tos), frameLength);

    /// <summary>The Ethernet/IPv4/TCP (or UDP) packet of <see cref="Tcp"/>, as captured bytes.</summary>
    public static byte[] TcpPacket(
        string source = "10.0.0.1", string destination = "192.168.1.2", byte protocol = 6, ushort sourcePort = 40000,
        ushort destinationPort = 443, ushort tcpFlags = 0x012, byte tos = 0xB9)
    {
        var packet = new byte[14 + 20 + 20];
        byte[] dstMac = [0x00, 0x11, 0x22, 0xAA, 0xBB, 0xCC];
        byte[] srcMac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        dstMac.CopyTo(packet, 0);
        srcMac.CopyTo(packet, 6);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x0800);
        var ip = packet.AsSpan(14);
        ip[0] = 0x45;
        ip[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 1500);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF
        ip[8] = 64;
        ip[9] = protocol;
        System.Net.IPAddress.Parse(source).GetAddressBytes().CopyTo(ip[12..]);
        System.Net.IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip[16..]);
        var l4 = packet.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(l4, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
        if (protocol == 6)
        {
            l4[12] = (byte)(0x50 | (tcpFlags >> 8));
            l4[13] = (byte)tcpFlags;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(l4[4..], 20);
        }

        return packet;
    }

    public static FlowSampleContext FromHeader(byte[] packet, uint frameLength)
    {
        var context = new FlowSampleContext();
        var sample = new SflowSample { Kind = SampleKind.Flow, SourceIdIndex = 3, SamplingRate = 100, Input = 3, Output = 7 };
        context.BeginSample(SflowAddress.FromIPv4([10, 0, 0, 254]), sample);
        Assert.True(context.AddRecord(HeaderRecord(packet, frameLength)));
        return context;
    }

    /// <summary>A sampled_header record (sFlow v5 0:1) holding <paramref name="packet"/>.</summary>
    public static SflowRecord HeaderRecord(byte[] packet, uint frameLength)
    {
        // sFlow v5 sampled_header: protocol, frame_length, stripped, header<>.
        var body = new byte[16 + ((packet.Length + 3) & ~3)];
        BinaryPrimitives.WriteUInt32BigEndian(body, 1);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), frameLength);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(8), 4);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), (uint)packet.Length);
        packet.CopyTo(body, 16);
        return new SflowRecord(FlowRecordTags.SampledHeader, body, 0, 0, 5);
    }

    private struct Collector : ISflowVisitor
    {
        private SflowAddress _agent;
        private FlowSampleContext? _current;

        public Collector() => Samples = [];

        public List<FlowSampleContext> Samples { get; }

        public void OnDatagram(in SflowDatagramHeader header) => _agent = header.Agent;

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
            _current = null;
            if (sample.Kind is SampleKind.Flow or SampleKind.Discard)
            {
                _current = new FlowSampleContext();
                _current.BeginSample(_agent, sample);
                Samples.Add(_current);
            }
        }

        public bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            _current?.AddRecord(record);
            return true;
        }

        public void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
