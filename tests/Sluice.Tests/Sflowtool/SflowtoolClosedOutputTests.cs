using System.Globalization;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Sflowtool;

/// <summary>The built <c>sluice sflowtool</c> writing into a pipe whose reader exits, like <c>| head</c>.</summary>
public sealed class SflowtoolClosedOutputTests
{
    [Theory]
    [InlineData("-j")]
    [InlineData("-t")]
    public async Task Listen_ReaderExits_EndsWithSigpipeStatus(string format)
    {
        var port = UdpTestSocket.FreePort();
        var command = $"{SluiceProcess.Command} sflowtool -4 -b 127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} {format}";

        var status = await ClosedReaderPipeline.RunAsync(command, port, TestCapture.Datagrams()[0], TimeSpan.FromSeconds(60));

        // sflowtool is killed by SIGPIPE, which the shell reports as 141.
        Assert.Equal("rc 141 0", status);
    }
}
