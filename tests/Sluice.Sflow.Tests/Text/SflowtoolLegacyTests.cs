using Sluice.Sflow.Tests.Datagrams;
using Sluice.Sflow.Text;
using Xunit;

namespace Sluice.Sflow.Tests.Text;

public sealed class SflowtoolLegacyTests
{
    [Fact]
    public void FormatText_Version4Datagram_PrintsLegacySampleFields()
    {
        var text = new StringWriter();
        var errors = new StringWriter();

        var result = SflowtoolFormatter.Format(
            LegacyDatagramTests.LegacyDatagram(4), SflowtoolContext.FromPcap(1700000000, 0), new SflowtoolTextWriter(text, errors));

        Assert.True(result.IsSuccess, errors.ToString());
        var lines = text.ToString().Split('\n');
        Assert.Contains("datagramVersion 4", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("agentSubId", StringComparison.Ordinal));
        Assert.Contains("meanSkipCount 400", lines);
        Assert.Contains("inputPort 7", lines);
        Assert.Contains("outputPort 9", lines);
        Assert.Contains("extendedType GATEWAY", lines);
        Assert.Contains("src_user alice", lines);
        Assert.Contains("statsSamplingInterval 30", lines);
        Assert.Contains("counterBlockVersion 2", lines);
        Assert.Contains("dot3StatsAlignmentErrors 22", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("endSample", StringComparison.Ordinal)));
    }
}
