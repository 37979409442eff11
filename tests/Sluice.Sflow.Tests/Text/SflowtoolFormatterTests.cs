using Sluice.Sflow.Tests.Support;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Sflow.Text;
using Xunit;

namespace Sluice.Sflow.Tests.Text;

/// <summary>
/// Golden comparison with sflowtool 6.11 on every public capture: JSON field by field, text line by line.
/// Differences allowed only where sflowtool is documented as wrong (see <see cref="Normalise"/>).
/// </summary>
public sealed partial class SflowtoolFormatterTests
{
    [GeneratedRegex("\"([^\"]*)\":\"([^\"]*)\"")]
    private static partial Regex PairPattern();

    /// <summary>
    /// The crafted tcpdump CVE-2018-10105 capture declares a UDP length of 16 bytes around 872 bytes of sFlow.
    /// sflowtool ignores the UDP length; we honour it, as tcpdump and tshark do. It is compared separately.
    /// </summary>
    private const string UdpLengthCapture = "tcpdump-sflow_print-segv";

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var name in SharedTestData.Captures())
        {
            if (name.Data != UdpLengthCapture)
            {
                data.Add(name.Data);
            }
        }

        return data;
    }

    [Fact]
    public void FormatJson_UdpLengthShorterThanCapture_HonoursUdpLengthAndStaysValid()
    {
        var record = Assert.Single(SharedTestData.ReadDatagrams(SharedTestData.SflowFile(UdpLengthCapture + ".pcap")));

        var ours = Format(record, json: true);

        using var document = JsonDocument.Parse(ours);
        Assert.Equal("8", document.RootElement.GetProperty("datagramSize").GetString());
        Assert.False(document.RootElement.TryGetProperty("samples", out _));
    }

    [Fact]
    public void FormatJson_CraftedRecordLength_MatchesSflowtoolUpToTheErrorAndStaysValid()
    {
        // The bytes after the UDP header, as sflowtool reads them: a flow record 0:13 declaring 1,180,566,168 bytes.
        var frame = File.ReadAllBytes(SharedTestData.SflowFile(UdpLengthCapture + ".pcap")).AsSpan(24 + 16).ToArray();
        var payload = new CapturedDatagram(1148058293, 834750, frame[42..]);
        var expected = File.ReadAllLines(SharedTestData.SflowFile(UdpLengthCapture + ".sflowtool.jsonl")).Single();

        var ours = Format(payload, json: true).TrimEnd('\n');

        using (JsonDocument.Parse(ours))
        {
        }

        var theirs = Pairs(expected);
        Normalise(theirs);
        Assert.True(theirs.SequenceEqual(Pairs(ours)), Diff(theirs, Pairs(ours)));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void FormatJson_Capture_MatchesSflowtoolFieldByField(string name)
    {
        var expected = File.ReadAllLines(SharedTestData.CaptureFile(name, ".sflowtool.jsonl"));
        var records = SharedTestData.ReadDatagrams(SharedTestData.CaptureFile(name, ".pcap"));
        Assert.Equal(expected.Length, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var ours = Format(records[i], json: true).TrimEnd('\n');
            using (JsonDocument.Parse(ours))
            {
            }

            var theirs = Pairs(expected[i]);
            var mine = Pairs(ours);
            Normalise(theirs);
            Assert.True(theirs.SequenceEqual(mine), $"{name} record {i + 1}:\n{Diff(theirs, mine)}");
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void FormatText_Capture_MatchesSflowtoolLineByLine(string name)
    {
        var expected = File.ReadAllLines(SharedTestData.CaptureFile(name, ".sflowtool.txt")).ToList();
        var records = SharedTestData.ReadDatagrams(SharedTestData.CaptureFile(name, ".pcap"));
        var ours = new StringBuilder();
        foreach (var record in records)
        {
            ours.Append(Format(record, json: false));
        }

        var mine = ours.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var theirs = expected.Select(l => new KeyValuePair<string, string>(l, string.Empty)).ToList();
        for (var i = 0; i < theirs.Count; i++)
        {
            if (theirs[i].Key.StartsWith("IPID ", StringComparison.Ordinal))
            {
                theirs[i] = new(SwapIpid("IPID", theirs[i].Key[5..], " "), string.Empty);
            }
        }

        Assert.True(theirs.Select(p => p.Key).SequenceEqual(mine), $"{name}:\n{Diff(theirs, mine.Select(l => new KeyValuePair<string, string>(l, string.Empty)).ToList())}");
    }

    private static string Format(CapturedDatagram record, bool json)
    {
        var text = new StringWriter();
        SflowtoolOutput output = json ? new SflowtoolJsonWriter(text, TextWriter.Null) : new SflowtoolTextWriter(text, TextWriter.Null);
        SflowtoolFormatter.Format(record.Payload, SflowtoolContext.FromPcap(record.Seconds, record.Microseconds), output);
        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> Pairs(string line) =>
        PairPattern().Matches(line).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[2].Value)).ToList();

    /// <summary>Documented corrections over sflowtool, applied to its side before comparing.</summary>
    private static void Normalise(List<KeyValuePair<string, string>> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            // Correction 1: sflowtool prints the IPv4 header ID without ntohs (byte-swapped); we print network order.
            if (pairs[i].Key.EndsWith("IPID", StringComparison.Ordinal))
            {
                pairs[i] = new(pairs[i].Key, ((ushort)((ushort.Parse(pairs[i].Value) >> 8) | (ushort.Parse(pairs[i].Value) << 8))).ToString());
            }
        }
    }

    private static string SwapIpid(string key, string value, string separator)
    {
        var v = ushort.Parse(value);
        return key + separator + (ushort)((v >> 8) | (v << 8));
    }

    private static string Diff(List<KeyValuePair<string, string>> theirs, List<KeyValuePair<string, string>> mine)
    {
        var n = Math.Min(theirs.Count, mine.Count);
        for (var i = 0; i < n; i++)
        {
            if (!theirs[i].Equals(mine[i]))
            {
                return $"first difference at {i}: sflowtool {theirs[i]} / ours {mine[i]} (counts {theirs.Count} / {mine.Count})";
            }
        }

        return $"counts differ: sflowtool {theirs.Count} / ours {mine.Count}; next sflowtool {(theirs.Count > n ? theirs[n] : default)} ours {(mine.Count > n ? mine[n] : default)}";
    }
}
