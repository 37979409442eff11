using Sluice.Scripting.Api;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

public sealed class SyslogMessageTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 9, 23, 31, 23, 456, TimeSpan.Zero);

    [Fact]
    public void Format_ObjectMessage_StructuredDataAndJson()
    {
        var line = SyslogMessage.Format(16, 6, Time, "collector1", "sluice", "ddos", """{"src":"10.0.0.1","bps":1000,"note":"a \"b\" ]c"}""", "ignored");

        Assert.Equal(
            $"<134>1 2026-03-09T23:31:23.456Z collector1 sluice {Environment.ProcessId} ddos [sflow@32473 src=\"10.0.0.1\" bps=\"1000\" note=\"a \\\"b\\\" \\]c\"] " +
            """{"src":"10.0.0.1","bps":1000,"note":"a \"b\" ]c"}""",
            line);
    }

    [Fact]
    public void Format_TextMessage_NoStructuredData()
    {
        var line = SyslogMessage.Format(1, 3, Time, "my host", "sluice", string.Empty, null, "plain text");

        Assert.EndsWith(" myhost sluice " + Environment.ProcessId + " - - plain text", line);
        Assert.StartsWith("<11>1 ", line);
    }

    [Theory]
    [InlineData("16", true, 16)]
    [InlineData("local0", true, 16)]
    [InlineData("daemon", true, 3)]
    [InlineData("5", false, 5)]
    [InlineData("notice", false, 5)]
    [InlineData("warn", false, 4)]
    [InlineData("error", false, 3)]
    public void Code_NumbersAndNames_Parse(string text, bool facility, int expected) =>
        Assert.Equal(expected, SyslogMessage.Code(text, facility));

    [Theory]
    [InlineData("24", true)]
    [InlineData("8", false)]
    [InlineData("loud", false)]
    public void Code_OutOfRange_Throws(string text, bool facility) =>
        Assert.Throws<FormatException>(() => SyslogMessage.Code(text, facility));
}
