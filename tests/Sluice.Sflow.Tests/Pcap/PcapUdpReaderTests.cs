using System.Buffers.Binary;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class PcapUdpReaderTests
{
    // Counts from shared/testdata/sflow/README.md: one UDP datagram per pcap record.
    [Theory]
    [InlineData("akvorado-data-1140.pcap", 1)]
    [InlineData("akvorado-data-discard-interface.pcap", 1)]
    [InlineData("akvorado-data-local-interface.pcap", 1)]
    [InlineData("akvorado-data-multiple-interfaces.pcap", 1)]
    [InlineData("akvorado-data-encap-vxlan.pcap", 1)]
    [InlineData("akvorado-data-icmpv4.pcap", 1)]
    [InlineData("akvorado-data-icmpv6.pcap", 1)]
    [InlineData("akvorado-data-qinq.pcap", 1)]
    [InlineData("akvorado-data-sflow-ipv4-data.pcap", 1)]
    [InlineData("akvorado-data-sflow-raw-ipv4.pcap", 1)]
    [InlineData("tcpdump-sflow_expanded.pcap", 1)]
    [InlineData("tcpdump-sflow_multiple_counter_30_pdus.pcap", 30)]
    [InlineData("tcpdump-sflow-print-v6.pcap", 25)]
    [InlineData("tcpdump-sflow_print-segv.pcap", 1)]
    [InlineData("nxthdr-sflow-parser-sflow.pcap", 1)]
    [InlineData("gopacket-sflow_test.pcap", 14)]
    [InlineData("goflow2-sflow_test.pcap", 5)]
    public void TryRead_SharedCapture_YieldsOneSflowPayloadPerRecord(string file, int datagrams)
    {
        using var reader = new PcapUdpReader(File.OpenRead(SharedTestData.SflowFile(file)), new PcapUdpReaderOptions { Port = 6343 });
        Assert.Equal(PcapLinkTypes.Ethernet, reader.Pcap.LinkType);
        var count = 0;
        var netflow = 0;
        while (reader.TryRead(out var datagram))
        {
            count++;
            var payload = datagram.Payload.Span;
            Assert.True(payload.Length >= 4);
            Assert.Equal(6343, datagram.DestinationPort);
            Assert.Equal(file == "tcpdump-sflow-print-v6.pcap", !datagram.Source.IsIPv4);
            if (BinaryPrimitives.ReadUInt32BigEndian(payload) != 5)
            {
                // NetFlow v5 header: 16-bit version 5 then the record count.
                Assert.Equal(5, BinaryPrimitives.ReadUInt16BigEndian(payload));
                netflow++;
            }
        }

        Assert.Equal(datagrams, count);
        Assert.Equal(datagrams, reader.Records);
        Assert.Equal(file == "tcpdump-sflow_multiple_counter_30_pdus.pcap" ? 5 : 0, netflow);
    }

    [Fact]
    public void SharedData_Folder_HoldsSeventeenCaptures()
    {
        Assert.Equal(17, Directory.GetFiles(SharedTestData.SflowFolder, "*.pcap").Length);
    }

    [Fact]
    public void TryRead_MixedCapture_SkipsAndCountsEachReason()
    {
        var sflow = TestFrames.Payload(300, 1);
        var big = TestFrames.Payload(4000, 2);
        var frames = new List<byte[]>
        {
            TestFrames.Udp4(sflow),
            TestFrames.Udp4(sflow, destinationPort: 53),
            Mutate(TestFrames.Udp4(sflow), f => f[14 + 9] = 6), // TCP
            Mutate(TestFrames.Udp4(sflow), f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x0806)), // ARP
            TestFrames.Udp4(sflow)[..100], // cut by snaplen
            Mutate(TestFrames.Udp4(sflow), f => f[14] = 0x43), // IHL 3
        };
        var fragments = TestFrames.FragmentIPv4(TestFrames.Udp4(big), 1480, 77);
        frames.Add(fragments[2]);
        frames.Add(fragments[0]);
        frames.Add(TestFrames.Udp6(sflow));
        frames.Add(fragments[1]); // completes datagram 77, out of order
        frames.AddRange(TestFrames.FragmentIPv4(TestFrames.Udp4(big), 1480, 78).Take(2)); // never completed

        using var reader = new PcapUdpReader(new MemoryStream(TestFrames.Capture(frames)), new PcapUdpReaderOptions { Port = 6343 });
        var payloads = new List<(byte[] Payload, bool Reassembled, long Record)>();
        while (reader.TryRead(out var datagram))
        {
            payloads.Add((datagram.Payload.ToArray(), datagram.Reassembled, datagram.RecordIndex));
        }

        Assert.Equal(3, payloads.Count);
        Assert.Equal(sflow, payloads[0].Payload);
        Assert.Equal(sflow, payloads[1].Payload);
        Assert.Equal(big, payloads[2].Payload);
        Assert.True(payloads[2].Reassembled);
        Assert.Equal(9, payloads[2].Record);
        Assert.Equal(frames.Count, reader.Records);
        Assert.Equal(3, reader.Datagrams);
        Assert.Equal(1, reader.WrongPort);
        Assert.Equal(1, reader.NotUdp);
        Assert.Equal(1, reader.NotIp);
        Assert.Equal(1, reader.Truncated);
        Assert.Equal(1, reader.Malformed);
        Assert.Equal(5, reader.Fragments);
        Assert.Equal(1, reader.DatagramsReassembled);
        Assert.Equal(2, reader.FragmentsDropped); // datagram 78, pending at end of file
    }

    [Fact]
    public void TryRead_ReassembledDatagramToOtherPort_CountedAsWrongPort()
    {
        var fragments = TestFrames.FragmentIPv4(TestFrames.Udp4(TestFrames.Payload(3000), destinationPort: 2055), 1480, 5);
        using var reader = new PcapUdpReader(new MemoryStream(TestFrames.Capture(fragments)), new PcapUdpReaderOptions { Port = 6343 });
        Assert.False(reader.TryRead(out _));
        Assert.Equal(1, reader.WrongPort);
        Assert.Equal(1, reader.DatagramsReassembled);
    }

    [Fact]
    public void TryRead_ReassemblyDisabled_CountsFragmentsDropped()
    {
        var fragments = TestFrames.FragmentIPv4(TestFrames.Udp4(TestFrames.Payload(3000)), 1480, 5);
        using var reader = new PcapUdpReader(new MemoryStream(TestFrames.Capture(fragments)), new PcapUdpReaderOptions { Reassemble = false });
        Assert.False(reader.TryRead(out _));
        Assert.Equal(3, reader.FragmentsDropped);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(113)]
    [InlineData(276)]
    [InlineData(0)]
    public void TryRead_OtherLinkTypes_YieldPayloadsAndTimestamps(int linkType)
    {
        var payload = TestFrames.Payload(120);
        byte[] link = linkType switch
        {
            113 => [0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00],
            276 => [0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0],
            0 => [2, 0, 0, 0],
            _ => [],
        };
        var frame = TestFrames.Relink(TestFrames.Udp4(payload), link);
        var file = TestFrames.Capture([frame, frame], new PcapWriterOptions { LinkType = linkType, Nanosecond = true }, startNs: 1_700_000_000_000_000_007);
        using var reader = new PcapUdpReader(new MemoryStream(file));
        Assert.True(reader.TryRead(out var first));
        Assert.Equal(payload, first.Payload.ToArray());
        Assert.Equal(1_700_000_000_000_000_007, first.TimestampNs);
        Assert.Equal("192.0.2.1", first.Source.ToString());
        Assert.True(reader.TryRead(out var second));
        Assert.Equal(1_700_000_000_001_000_007, second.TimestampNs);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void TryRead_TruncatedFile_ThrowsAfterGoodDatagrams()
    {
        var file = TestFrames.Capture([TestFrames.Udp4(TestFrames.Payload(100)), TestFrames.Udp4(TestFrames.Payload(100))]);
        using var reader = new PcapUdpReader(new MemoryStream(file[..^10]));
        Assert.True(reader.TryRead(out _));
        Assert.Equal(PcapErrorKind.TruncatedRecord, Assert.Throws<PcapFormatException>(() => reader.TryRead(out _)).Kind);
        Assert.Equal(1, reader.Datagrams);
    }

    [Fact]
    public void TryRead_SteadyState_DoesNotAllocate()
    {
        var frames = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? TestFrames.Udp4(TestFrames.Payload(1400)) : TestFrames.Udp6(TestFrames.Payload(200 + i)));
        using var reader = new PcapUdpReader(new MemoryStream(TestFrames.Capture(frames)), new PcapUdpReaderOptions { Port = 6343 });
        Assert.True(reader.TryRead(out _));
        long sum = 0;
        SteadyState.AssertAllocatesNothing(90, _ =>
        {
            Assert.True(reader.TryRead(out var datagram));
            sum += datagram.Payload.Length;
        });

        Assert.Equal(1 + (3 * 90), reader.Datagrams);
        Assert.True(sum > 0);
    }

    private static byte[] Mutate(byte[] frame, Action<byte[]> change)
    {
        change(frame);
        return frame;
    }
}
