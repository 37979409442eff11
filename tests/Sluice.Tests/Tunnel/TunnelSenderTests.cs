using System.Text;
using Sluice.Tests.Support;
using Sluice.Tunnel;
using Xunit;

namespace Sluice.Tests.Tunnel;

public sealed class TunnelSenderTests
{
    [Fact]
    public async Task RunAsync_HexLines_AreSentAsDatagramsAndBadLinesSkippedWithLineNumbers()
    {
        using var receiver = new UdpTestSocket();
        var input = new MemoryStream(Encoding.ASCII.GetBytes("0a0b\nzz\n\nabc\r\n0102030405\r\n"));
        var errors = new StringWriter();

        var code = await TunnelSender.RunAsync("127.0.0.1", receiver.Port, input, errors, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(new byte[] { 0x0a, 0x0b }, await receiver.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await receiver.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        var reported = errors.ToString();
        Assert.Contains("line 2 skipped: contains a character that is not a hex digit", reported, StringComparison.Ordinal);
        Assert.Contains("line 3 skipped: empty line", reported, StringComparison.Ordinal);
        Assert.Contains("line 4 skipped: odd number of hex digits (3)", reported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnresolvableServer_FailsWithMessage()
    {
        var errors = new StringWriter();

        var code = await TunnelSender.RunAsync("no-such-host.invalid", 6343, Stream.Null, errors, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("cannot resolve no-such-host.invalid", errors.ToString(), StringComparison.Ordinal);
    }
}
