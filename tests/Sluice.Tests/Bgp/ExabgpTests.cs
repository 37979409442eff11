using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>exabgp as the router (peers.md §2): it prints every UPDATE as JSON, withdrawals included.</summary>
public sealed class ExabgpTests
{
    [Fact]
    public async Task FlowSpec_SeedAndIPv6Rules_ReachExabgpAndAreWithdrawnOnDeleteAndStop()
    {
        await using var router = new ExabgpRouter("127.0.0.2");

        var (ipv4, ipv6, status) = await BgpRouterScenario.RunAsync(router);

        Assert.Contains("flow destination-ipv4 10.0.0.1/32 protocol =udp source-port =53 rate-limit:0", ipv4, StringComparison.Ordinal);
        Assert.Contains("flow destination-ipv6 2001:db8::1/128/0 next-header =udp source-port =53 rate-limit:0", ipv6, StringComparison.Ordinal);
        Assert.Equal(2, router.Received.Split('\n').Count(l => l.Contains("\"withdraw\"", StringComparison.Ordinal)));
        Assert.True(status.FourOctetAs);
        Assert.True(status.ExtendedMessages); // exabgp offers extended messages (peers.md §2.5)
    }
}
