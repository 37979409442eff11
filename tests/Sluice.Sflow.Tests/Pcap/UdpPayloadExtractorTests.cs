using System.Buffers.Binary;
using Sluice.Sflow.Pcap;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class UdpPayloadExtractorTests
{
    private static readonly byte[] Payload = TestFrames.Payload(200);

    public static TheoryData<string, int, byte[]> EveryLinkType()
    {
        var v4 = TestFrames.Udp4(Payload);
        var v6 = TestFrames.Udp6(Payload);
        var data = new TheoryData<string, int, byte[]>
        {
            { "ethernet v4", 1, v4 },
            { "ethernet v6", 1, v6 },
            { "raw v4", 101, v4[14..] },
            { "raw v6", 101, v6[14..] },
            { "ipv4", 228, v4[14..] },
            { "ipv6", 229, v6[14..] },
            { "sll v4", 113, TestFrames.Relink(v4, Sll(0x0800)) },
            { "sll v6", 113, TestFrames.Relink(v6, Sll(0x86DD)) },
            { "sll2 v4", 276, TestFrames.Relink(v4, Sll2(0x0800)) },
            { "sll2 v6", 276, TestFrames.Relink(v6, Sll2(0x86DD)) },
            { "null le v4", 0, TestFrames.Relink(v4, [2, 0, 0, 0]) },
            { "null be v4", 0, TestFrames.Relink(v4, [0, 0, 0, 2]) },
            { "loop v4", 108, TestFrames.Relink(v4, [0, 0, 0, 2]) },
        };
        foreach (var family in new byte[] { 24, 28, 30 })
        {
            data.Add($"null le v6 af {family}", 0, TestFrames.Relink(v6, [family, 0, 0, 0]));
            data.Add($"null be v6 af {family}", 0, TestFrames.Relink(v6, [0, 0, 0, family]));
            data.Add($"loop v6 af {family}", 108, TestFrames.Relink(v6, [0, 0, 0, family]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLinkType))]
    public void TryExtract_EveryLinkType_ReturnsPayloadAndEndpoints(string name, int linkType, byte[] frame)
    {
        var result = UdpPayloadExtractor.TryExtract(linkType, frame, 6343, out var info);
        Assert.True(result == UdpExtractResult.Ok, $"{name}: {result}");
        Assert.Equal(Payload, info.Payload.ToArray());
        Assert.Equal(Payload, frame.AsSpan(info.PayloadOffset, info.Payload.Length).ToArray());
        Assert.Equal(40000, info.SourcePort);
        Assert.Equal(6343, info.DestinationPort);
        var v6 = name.Contains("v6", StringComparison.Ordinal);
        Assert.Equal(v6 ? 6 : 4, info.IpVersion);
        Assert.Equal(v6 ? "2001:db8::1" : "192.0.2.1", info.Source.ToString());
        Assert.Equal(v6 ? "2001:db8::2" : "192.0.2.2", info.Destination.ToString());
        Assert.False(info.IsFragment);
    }

    [Theory]
    [InlineData(0x8100)]
    [InlineData(0x88A8)]
    [InlineData(0x9100)]
    [InlineData(0x9200)]
    [InlineData(0x9300)]
    [InlineData(0x88A8, 0x8100)]
    [InlineData(0x9100, 0x8100)]
    [InlineData(0x88A8, 0x88A8, 0x8100)]
    [InlineData(0x8100, 0x8100, 0x8100, 0x8100, 0x8100)]
    public void TryExtract_VlanStack_SkipsEveryTag(params int[] tpids)
    {
        foreach (var frame in new[] { TestFrames.Udp4(Payload), TestFrames.Udp6(Payload) })
        {
            var tagged = TestFrames.WithVlanTags(frame, tpids);
            Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, tagged, out var info));
            Assert.Equal(Payload, info.Payload.ToArray());
        }
    }

    [Fact]
    public void TryExtract_VlanTagOnSll_IsSkipped()
    {
        var tagged = TestFrames.WithVlanTags(TestFrames.Udp4(Payload), 0x8100);
        var sll = TestFrames.Relink(tagged, Sll(0x8100)); // Relink drops 14 bytes: the MACs and the first TPID
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(113, sll, out var info));
        Assert.Equal(Payload, info.Payload.ToArray());
    }

    [Fact]
    public void TryExtract_EthernetPadding_IsNotPartOfPayload()
    {
        var frame = TestFrames.Udp4([1, 2, 3, 4]);
        var padded = new byte[64];
        frame.CopyTo(padded);
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, padded, out var info));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, info.Payload.ToArray());
    }

    [Fact]
    public void TryExtract_Ipv4Options_HonoursIhl()
    {
        var frame = TestFrames.Udp4(Payload);
        var withOptions = new byte[frame.Length + 8];
        frame.AsSpan(0, 34).CopyTo(withOptions);
        withOptions[14] = 0x47; // IHL 7: 8 bytes of options (NOPs)
        withOptions.AsSpan(34, 8).Fill(1);
        frame.AsSpan(34).CopyTo(withOptions.AsSpan(42));
        BinaryPrimitives.WriteUInt16BigEndian(withOptions.AsSpan(16), (ushort)(frame.Length - 14 + 8));
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, withOptions, out var info));
        Assert.Equal(Payload, info.Payload.ToArray());
    }

    [Fact]
    public void TryExtract_Ipv6ExtensionHeaders_AreWalked()
    {
        var frame = TestFrames.Udp6(Payload);
        var ip = frame.AsSpan(14);
        byte[] extensions =
        [
            43, 0, 1, 4, 0, 0, 0, 0, // hop-by-hop (0), next routing, 8 bytes (PadN)
            60, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // routing (43), next dest opts, 16 bytes
            51, 0, 1, 4, 0, 0, 0, 0, // destination options (60), next AH, 8 bytes
            44, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, // AH (51), next fragment, (2+2)*4 = 16 bytes
            17, 0, 0, 0, 0, 0, 0, 42, // atomic fragment (offset 0, M 0), next UDP
        ];
        var extended = new byte[frame.Length + extensions.Length];
        frame.AsSpan(0, 14 + 40).CopyTo(extended);
        extended[14 + 6] = 0; // next header: hop-by-hop
        BinaryPrimitives.WriteUInt16BigEndian(extended.AsSpan(14 + 4), (ushort)(ip.Length - 40 + extensions.Length));
        extensions.CopyTo(extended, 14 + 40);
        ip[40..].CopyTo(extended.AsSpan(14 + 40 + extensions.Length));

        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, extended, 6343, out var info));
        Assert.Equal(Payload, info.Payload.ToArray());

        // Every cut inside the extension chain or the datagram is reported as truncated, never Ok.
        for (var length = 14; length < extended.Length; length++)
        {
            Assert.Equal(UdpExtractResult.Truncated, UdpPayloadExtractor.TryExtract(1, extended.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryExtract_Ipv6Fragment_ReportsFragmentFields()
    {
        var frame = TestFrames.Udp6(Payload);
        byte[] fragmentHeader = [17, 0, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF]; // offset 0, M = 1, id deadbeef
        var fragmented = new byte[frame.Length + 8];
        frame.AsSpan(0, 54).CopyTo(fragmented);
        fragmented[14 + 6] = 44;
        BinaryPrimitives.WriteUInt16BigEndian(fragmented.AsSpan(18), (ushort)(frame.Length - 54 + 8));
        fragmentHeader.CopyTo(fragmented, 54);
        frame.AsSpan(54).CopyTo(fragmented.AsSpan(62));

        Assert.Equal(UdpExtractResult.Fragment, UdpPayloadExtractor.TryExtract(1, fragmented, 6343, out var info));
        Assert.True(info.IsFragment);
        Assert.Equal(6, info.IpVersion);
        Assert.Equal(0xDEADBEEFu, info.FragmentId);
        Assert.Equal(0, info.FragmentOffset);
        Assert.True(info.MoreFragments);
        Assert.Equal(frame.Length - 54, info.Payload.Length);
    }

    [Fact]
    public void TryExtract_Ipv4Fragments_ReportFragmentFields()
    {
        var fragments = TestFrames.FragmentIPv4(TestFrames.Udp4(Payload), 96, 0x1234);
        Assert.Equal(3, fragments.Count);
        for (var i = 0; i < fragments.Count; i++)
        {
            Assert.Equal(UdpExtractResult.Fragment, UdpPayloadExtractor.TryExtract(1, fragments[i], 6343, out var info));
            Assert.Equal(0x1234u, info.FragmentId);
            Assert.Equal(i * 96, info.FragmentOffset);
            Assert.Equal(i < 2, info.MoreFragments);
            Assert.Equal(17, info.Protocol);
            Assert.Equal(0, info.DestinationPort);
        }
    }

    [Fact]
    public void TryExtract_NonUdp_ReturnsNotUdp()
    {
        var frame = TestFrames.Udp4(Payload);
        frame[14 + 9] = 6; // TCP
        Assert.Equal(UdpExtractResult.NotUdp, UdpPayloadExtractor.TryExtract(1, frame, out _));
        var v6 = TestFrames.Udp6(Payload);
        v6[14 + 6] = 58; // ICMPv6
        Assert.Equal(UdpExtractResult.NotUdp, UdpPayloadExtractor.TryExtract(1, v6, out _));
        v6[14 + 6] = 59; // no next header
        Assert.Equal(UdpExtractResult.NotUdp, UdpPayloadExtractor.TryExtract(1, v6, out _));
    }

    [Theory]
    [InlineData(1, 0x0806)] // ARP
    [InlineData(1, 0x88CC)] // LLDP
    [InlineData(1, 0x0100)] // 802.3 length field
    [InlineData(113, 0x0806)]
    public void TryExtract_NonIpEtherType_ReturnsNotIp(int linkType, int etherType)
    {
        var frame = TestFrames.Udp4(Payload);
        if (linkType == 113)
        {
            frame = TestFrames.Relink(frame, Sll(etherType));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)etherType);
        }

        Assert.Equal(UdpExtractResult.NotIp, UdpPayloadExtractor.TryExtract(linkType, frame, out _));
    }

    [Fact]
    public void TryExtract_LoopbackUnknownFamily_ReturnsNotIp()
    {
        var frame = TestFrames.Relink(TestFrames.Udp4(Payload), [7, 0, 0, 0]);
        Assert.Equal(UdpExtractResult.NotIp, UdpPayloadExtractor.TryExtract(0, frame, out _));
        Assert.Equal(UdpExtractResult.NotIp, UdpPayloadExtractor.TryExtract(101, new byte[] { 0x50, 0, 0 }, out _));
    }

    [Theory]
    [InlineData(105)] // 802.11
    [InlineData(127)] // radiotap
    [InlineData(147)] // user 0
    public void TryExtract_OtherLinkType_ReturnsUnsupported(int linkType)
    {
        Assert.Equal(UdpExtractResult.UnsupportedLinkType, UdpPayloadExtractor.TryExtract(linkType, TestFrames.Udp4(Payload), out _));
    }

    [Fact]
    public void TryExtract_WrongPort_ReportsPorts()
    {
        var frame = TestFrames.Udp4(Payload, destinationPort: 53);
        Assert.Equal(UdpExtractResult.WrongPort, UdpPayloadExtractor.TryExtract(1, frame, 6343, out var info));
        Assert.Equal(53, info.DestinationPort);
        Assert.True(info.Payload.IsEmpty);
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, frame, 53, out _));
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, frame, out _));
    }

    [Fact]
    public void TryExtract_EveryCut_IsTruncatedNeverOk()
    {
        foreach (var frame in new[] { TestFrames.Udp4(Payload), TestFrames.Udp6(Payload), TestFrames.WithVlanTags(TestFrames.Udp4(Payload), 0x88A8, 0x8100) })
        {
            for (var length = 0; length < frame.Length; length++)
            {
                Assert.Equal(UdpExtractResult.Truncated, UdpPayloadExtractor.TryExtract(1, frame.AsSpan(0, length), out _));
            }
        }
    }

    [Fact]
    public void TryExtract_InconsistentHeaders_ReturnMalformed()
    {
        var ihl = TestFrames.Udp4(Payload);
        ihl[14] = 0x44; // IHL 4 (< 5)
        Assert.Equal(UdpExtractResult.Malformed, UdpPayloadExtractor.TryExtract(1, ihl, out _));

        var udpLength = TestFrames.Udp4(Payload);
        BinaryPrimitives.WriteUInt16BigEndian(udpLength.AsSpan(34 + 4), 7);
        Assert.Equal(UdpExtractResult.Malformed, UdpPayloadExtractor.TryExtract(1, udpLength, out _));

        var udpBeyondIp = TestFrames.Udp4(Payload);
        BinaryPrimitives.WriteUInt16BigEndian(udpBeyondIp.AsSpan(34 + 4), 8 + 201);
        Assert.Equal(UdpExtractResult.Malformed, UdpPayloadExtractor.TryExtract(1, udpBeyondIp, out _));

        var wrongVersion = TestFrames.Udp4(Payload)[14..];
        wrongVersion[0] = 0x65;
        Assert.Equal(UdpExtractResult.Malformed, UdpPayloadExtractor.TryExtract(228, wrongVersion, out _));
    }

    [Fact]
    public void TryExtract_ShorterUdpLength_BoundsPayload()
    {
        var frame = TestFrames.Udp4(Payload);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34 + 4), 8 + 50);
        Assert.Equal(UdpExtractResult.Ok, UdpPayloadExtractor.TryExtract(1, frame, out var info));
        Assert.Equal(Payload[..50], info.Payload.ToArray());
    }

    [Fact]
    public void TryExtract_RandomAndMutatedFrames_NeverThrowAndStayInBounds()
    {
        var random = new Random(6343);
        int[] linkTypes = [0, 1, 101, 108, 113, 228, 229, 276];
        var seeds = new[] { TestFrames.Udp4(Payload), TestFrames.Udp6(Payload), TestFrames.WithVlanTags(TestFrames.Udp6(Payload), 0x8100) };
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            byte[] frame;
            if (iteration % 4 == 0)
            {
                frame = new byte[random.Next(120)];
                random.NextBytes(frame);
            }
            else
            {
                frame = (byte[])seeds[iteration % seeds.Length].Clone();
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    frame[random.Next(Math.Min(frame.Length, 120))] = (byte)random.Next(256);
                }
            }

            var linkType = linkTypes[random.Next(linkTypes.Length)];
            var result = UdpPayloadExtractor.TryExtract(linkType, frame, out var info);
            if (result is UdpExtractResult.Ok or UdpExtractResult.Fragment)
            {
                Assert.InRange(info.PayloadOffset, 0, frame.Length);
                Assert.InRange(info.PayloadOffset + info.Payload.Length, 0, frame.Length);
            }
        }
    }

    [Fact]
    public void TryExtract_Steady_DoesNotAllocate()
    {
        var frame = TestFrames.WithVlanTags(TestFrames.Udp6(Payload), 0x8100);
        UdpPayloadExtractor.TryExtract(1, frame, 6343, out _);
        var total = 0;
        SteadyState.AssertAllocatesNothing(1000, _ =>
        {
            UdpPayloadExtractor.TryExtract(1, frame, 6343, out var info);
            total += info.Payload.Length;
        });

        Assert.Equal(3 * 200_000, total);
    }

    private static byte[] Sll(int protocol)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0); // to us
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 1); // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)protocol);
        return header;
    }

    private static byte[] Sll2(int protocol)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)protocol);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2); // ifindex
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 1); // ARPHRD_ETHER
        header[11] = 6;
        return header;
    }
}
