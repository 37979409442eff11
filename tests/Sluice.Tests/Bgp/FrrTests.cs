using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>FRR bgpd as the router (peers.md §2), without an outbound filter: it sends the rules back.</summary>
public sealed class FrrTests
{
    [Fact]
    public async Task FlowSpec_SeedAndIPv6Rules_ReachFrrAndItsEchoIsTolerated()
    {
        await using var router = new FrrRouter("127.0.0.3");

        var (ipv4, ipv6, status) = await BgpRouterScenario.RunAsync(router, s => s.FlowSpecReceived >= 1);

        Assert.Contains("\"to\":\"10.0.0.1/32\"", ipv4, StringComparison.Ordinal);
        Assert.Contains("\"srcp\":\"= 53 \"", ipv4, StringComparison.Ordinal);
        Assert.Contains("FS:rate 0.000000", ipv4, StringComparison.Ordinal);
        Assert.Contains("2001:db8::1/128/off 0", ipv6, StringComparison.Ordinal);
        Assert.Equal(Sluice.Engine.Bgp.BgpSessionState.Established, status.State);
        Assert.Null(status.LastNotificationSent);
        Assert.Equal(1, status.EstablishedTransitions);
    }
}
