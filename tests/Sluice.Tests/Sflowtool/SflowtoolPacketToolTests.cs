using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Sflowtool;

/// <summary>
/// The "Packet analysis using Docker" recipes with <c>sluice sflowtool</c> in place of the container:
/// <c>sflowtool -t</c> piped into the real tcpdump and tshark. The tools must be installed (CI installs them).
/// </summary>
public sealed class SflowtoolPacketToolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Sflowtool(string args) => $"{SluiceProcess.Command} sflowtool {args}";

    [Fact]
    public async Task WritePcap_TcpdumpPort53_ShowsTheDnsQueries()
    {
        SluiceProcess.RequireTool("tcpdump");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tcpdump -r - -nn -vv port 53", Timeout);

        Assert.True(code == 0, stderr);
        // With -vv tcpdump may print the file's pcap version between "reading from file -" and the link type.
        Assert.Contains("reading from file -", stderr, StringComparison.Ordinal);
        Assert.Contains("link-type EN10MB (Ethernet)", stderr, StringComparison.Ordinal);
        Assert.Equal(3, Count(stdout, "A? example.com."));
        Assert.Contains("10.0.0.10.40000 > 10.0.0.1.53", stdout, StringComparison.Ordinal);
        Assert.Contains("proto UDP (17), length 57", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritePcap_TcpdumpSynFilter_ShowsOnlySyns()
    {
        SluiceProcess.RequireTool("tcpdump");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tcpdump -r - -nn 'tcp[tcpflags] == tcp-syn'", Timeout);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Contains("Flags [S]", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritePcap_TcpdumpWriteTenPackets_FileHoldsTen()
    {
        SluiceProcess.RequireTool("tcpdump");
        var file = Path.Combine(Path.GetTempPath(), $"sluice-packets-{Guid.NewGuid():N}.pcap");
        try
        {
            // tcpdump stops reading after 10 packets; if the converter is still writing then, it ends as sflowtool does,
            // on SIGPIPE (141). Whether it is depends on timing, so the pipeline's status is tcpdump's and the
            // converter's is checked to be one of the two.
            var (code, stdout, stderr) = await SluiceProcess.BashAsync(
                $"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tcpdump -r - -w '{file}' -c 10; s=(\"${{PIPESTATUS[@]}}\"); echo \"converter ${{s[0]}}\"; exit ${{s[1]}}",
                Timeout);
            Assert.True(code == 0, stderr);
            Assert.Matches("^converter (0|141)$", stdout.Trim());

            var (_, listing, _) = await SluiceProcess.BashAsync($"tcpdump -r '{file}' -nn", Timeout);
            Assert.Equal(10, listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WritePcap_RealCapture_TcpdumpShowsEverySampledPacket()
    {
        SluiceProcess.RequireTool("tcpdump");
        var capture = SharedTestData.SflowFile("akvorado-data-1140.pcap");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{capture}' -t")} | tcpdump -r - -nn -e", Timeout);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Contains("c4:ca:2b:ae:34:37 > ae:18:b0:4b:26:8a, ethertype IPv4 (0x0800), length 439: 104.26.8.24.443 > 45.90.161.46.56876", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritePcapDiscards_Tcpdump_ShowsTheDiscardedPacket()
    {
        SluiceProcess.RequireTool("tcpdump");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -T")} | tcpdump -r - -nn", Timeout);

        Assert.True(code == 0, stderr);
        Assert.Equal(1, Count(stdout, "A? example.com."));
    }

    [Fact]
    public async Task WritePcap_TsharkDnsFilter_ShowsTheQueries()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tshark -r - -Y dns", Timeout);

        Assert.True(code == 0, stderr);
        Assert.Equal(3, Count(stdout, "Standard query 0x10"));
        Assert.Contains("A example.com", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritePcap_TsharkFields_PrintsAddressesProtocolAndLength()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tshark -r - -T fields -e ip.src -e ip.dst -e ip.proto -e ip.len", Timeout);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TestCapture.FlowSamples, lines.Length);
        Assert.Equal("10.0.0.10\t10.0.0.1\t17\t57", lines[0]);
        Assert.Equal("10.0.1.20\t10.0.2.1\t6\t40", lines[1]);
        Assert.Equal("10.0.1.20\t10.0.2.1\t6\t140", lines[2]);
    }

    [Fact]
    public async Task WritePcap_TsharkProtocolHierarchy_CountsFrames()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tshark -r - -q -z io,phs", Timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("Protocol Hierarchy Statistics", stdout, StringComparison.Ordinal);
        Assert.Matches(@"eth\s+frames:12 ", stdout);
        Assert.Matches(@"udp\s+frames:3 ", stdout);
        Assert.Matches(@"dns\s+frames:3 ", stdout);
        Assert.Matches(@"tcp\s+frames:9 ", stdout);
    }

    [Fact]
    public async Task WritePcap_TsharkEndpoints_ListsTheHosts()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tshark -r - -q -z endpoints,ip", Timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("IPv4 Endpoints", stdout, StringComparison.Ordinal);
        Assert.Matches(@"10\.0\.0\.1\s+3\s", stdout);
        Assert.Matches(@"10\.0\.2\.1\s+9\s", stdout);
    }

    [Fact]
    public async Task WritePcap_TsharkEk_OneJsonDocumentPerPacket()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t")} | tshark -r - -T ek", Timeout);

        Assert.True(code == 0, stderr);
        var documents = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("\"layers\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(TestCapture.FlowSamples, documents.Count);
        foreach (var document in documents)
        {
            using (System.Text.Json.JsonDocument.Parse(document))
            {
            }
        }
    }

    [Fact]
    public async Task WritePcapRedacted_Tshark_CutsAtTheL4Payload()
    {
        SluiceProcess.RequireTool("tshark");

        var (code, stdout, stderr) = await SluiceProcess.BashAsync($"{Sflowtool($"-r '{TestCapture.Path}' -t -x")} | tshark -r - -T fields -e frame.cap_len -e frame.len", Timeout);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("42\t75", lines[0]); // Ethernet + IPv4 + UDP kept; 75 = sampledPacketSize including the FCS
        Assert.Equal("54\t58", lines[1]);
        Assert.Equal("54\t158", lines[2]);
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
