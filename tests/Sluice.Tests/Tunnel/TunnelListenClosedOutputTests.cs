using System.Globalization;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Tunnel;

/// <summary>The built <c>sluice tunnel listen</c> writing into a pipe whose reader (ssh) exits.</summary>
public sealed class TunnelListenClosedOutputTests
{
    [Fact]
    public async Task Listen_ReaderExits_FailsWithStatusOne()
    {
        var port = UdpTestSocket.FreePort();
        var command = $"{SluiceProcess.Command} tunnel listen -b 127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)}";

        var status = await ClosedReaderPipeline.RunAsync(command, port, new byte[200], TimeSpan.FromSeconds(60));

        // Like sflow_fwd.py's BrokenPipeError: a failure, so sflow-tunnel.service's Restart=on-failure applies.
        Assert.Equal("rc 1 0", status);
    }
}
