using Sluice.Sflow.Tests.Support;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

/// <summary>Decodes every sampled header printed by sflowtool in the shared captures and compares field by field.</summary>
public sealed class SflowtoolCaptureTests
{
    private sealed class HeaderBlock
    {
        public required string Source { get; init; }
        public uint Protocol { get; set; }
        public byte[] Bytes { get; set; } = [];
        public Dictionary<string, string> Lines { get; } = new(StringComparer.Ordinal);
    }

    [Fact]
    public void Decode_EveryCapturedHeader_AgreesWithSflowtool()
    {
        var directory = SharedTestData.SflowFolder;
        var files = Directory.GetFiles(directory, "*.sflowtool.txt")
            .Concat(Directory.GetFiles(SharedTestData.OwnCapturesFolder, "*.sflowtool.txt"))
            .ToArray();
        Assert.NotEmpty(files);

        var blocks = new List<HeaderBlock>();
        var headerBytesLines = 0;
        foreach (var file in files)
        {
            headerBytesLines += File.ReadLines(file).Count(l => l.StartsWith("headerBytes ", StringComparison.Ordinal));
            blocks.AddRange(Parse(file));
        }

        Assert.True(blocks.Count >= 40, $"only {blocks.Count} header blocks found in {directory}");
        Assert.Equal(headerBytesLines, blocks.Count);

        var failures = new List<string>();
        var compared = 0;
        foreach (var block in blocks)
        {
            compared += Compare(block, failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(compared > 400, $"only {compared} fields compared");
    }

    private static List<HeaderBlock> Parse(string file)
    {
        var blocks = new List<HeaderBlock>();
        HeaderBlock? current = null;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : line[(space + 1)..];
            if (key == "headerProtocol")
            {
                current = new HeaderBlock { Source = $"{Path.GetFileName(file)}:{lineNumber}", Protocol = uint.Parse(value, CultureInfo.InvariantCulture) };
                blocks.Add(current);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (key is "flowBlock_tag" or "endSample" or "startSample" or "endDatagram" or "startDatagram")
            {
                current = null;
                continue;
            }

            if (key == "headerBytes")
            {
                current.Bytes = Convert.FromHexString(value.Replace("-", "", StringComparison.Ordinal));
            }
            else
            {
                current.Lines[key] = value;
            }
        }

        return blocks;
    }

    private static int Compare(HeaderBlock block, List<string> failures)
    {
        var fields = default(PacketFields);
        if (!SampledHeaderDecoder.Decode(block.Protocol, block.Bytes, ref fields))
        {
            failures.Add($"{block.Source}: nothing decoded");
            return 0;
        }

        ref readonly var layer = ref fields.Outer;
        var compared = 0;
        foreach (var (key, expected) in block.Lines)
        {
            string? actual = key switch
            {
                "dstMAC" => Convert.ToHexStringLower(layer.DestinationMac),
                "srcMAC" => Convert.ToHexStringLower(layer.SourceMac),
                "decodedVLAN" => layer.Vlan.ToString(CultureInfo.InvariantCulture),
                "decodedPriority" => layer.Priority.ToString(CultureInfo.InvariantCulture),
                "decodedVLAN.1" => layer.InnerVlan.ToString(CultureInfo.InvariantCulture),
                "decodedPriority.1" => layer.InnerPriority.ToString(CultureInfo.InvariantCulture),
                "ethernet_type" => layer.EtherType.ToString(CultureInfo.InvariantCulture),
                "srcIP" => FormatAddress(layer.SourceAddress),
                "dstIP" => FormatAddress(layer.DestinationAddress),
                "srcIP6" => FormatAddress(layer.SourceAddress),
                "dstIP6" => FormatAddress(layer.DestinationAddress),
                "IPProtocol" => layer.Protocol.ToString(CultureInfo.InvariantCulture),
                "IPTOS" => layer.Tos.ToString(CultureInfo.InvariantCulture),
                "IPTTL" => layer.Ttl.ToString(CultureInfo.InvariantCulture),
                // sflowtool prints the IPv4 identification without ntohs (sflowtool.md §3.1).
                "IPID" => BinaryPrimitives.ReverseEndianness((ushort)layer.Identification).ToString(CultureInfo.InvariantCulture),
                "ip.tot_len" => layer.IpLength.ToString(CultureInfo.InvariantCulture),
                "IPV6_payloadLen" => layer.IpLength == 0 ? "<jumbo>" : layer.IpLength.ToString(CultureInfo.InvariantCulture),
                "IP6_label" => "0x" + layer.FlowLabel.ToString("x", CultureInfo.InvariantCulture),
                "IPFragmentOffset" => layer.FragmentOffset.ToString(CultureInfo.InvariantCulture),
                "TCPSrcPort" or "UDPSrcPort" => layer.SourcePort.ToString(CultureInfo.InvariantCulture),
                "TCPDstPort" or "UDPDstPort" => layer.DestinationPort.ToString(CultureInfo.InvariantCulture),
                "TCPFlags" => (layer.TcpFlags & 0xFF).ToString(CultureInfo.InvariantCulture),
                "UDPBytes" => layer.UdpLength.ToString(CultureInfo.InvariantCulture),
                "ICMPType" => layer.IcmpType.ToString(CultureInfo.InvariantCulture),
                "ICMPCode" => layer.IcmpCode.ToString(CultureInfo.InvariantCulture),
                // IPSize = sampledPacketSize - strippedBytes - offset of the IP header: checks ip_offset.
                "IPSize" => (long.Parse(block.Lines["sampledPacketSize"], CultureInfo.InvariantCulture)
                    - long.Parse(block.Lines["strippedBytes"], CultureInfo.InvariantCulture)
                    - fields.IpOffset).ToString(CultureInfo.InvariantCulture),
                _ => null,
            };

            if (actual is null)
            {
                continue;
            }

            compared++;
            if (actual != expected)
            {
                failures.Add($"{block.Source}: {key} sflowtool={expected} decoder={actual}");
            }
        }

        return compared;
    }

    // sflowtool: dotted quad; IPv6 as 8 groups of 4 lower-case hex digits with no zero compression.
    private static string FormatAddress(ReadOnlySpan<byte> address)
    {
        if (address.Length == 4)
        {
            return $"{address[0]}.{address[1]}.{address[2]}.{address[3]}";
        }

        var text = new StringBuilder();
        for (var i = 0; i < address.Length; i += 2)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(Convert.ToHexStringLower(address.Slice(i, 2)));
        }

        return text.ToString();
    }
}
