using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>BIRD 2 as the router (peers.md §2), FlowSpec in its flow4 and flow6 tables.</summary>
public sealed class BirdTests
{
    [Fact]
    public async Task FlowSpec_SeedAndIPv6Rules_ReachBirdAndAreWithdrawn()
    {
        await using var router = new BirdRouter("127.0.0.4");

        var (ipv4, ipv6, _) = await BgpRouterScenario.RunAsync(router);

        Assert.Contains("flow4 { dst 10.0.0.1/32; proto 17; sport 53; }", ipv4, StringComparison.Ordinal);
        Assert.Contains("BGP.ext_community: (generic, 0x80060000, 0x0)", ipv4, StringComparison.Ordinal);
        Assert.Contains("flow6 { dst 2001:db8::1/128; next header 17; sport 53; }", ipv6, StringComparison.Ordinal);
    }
}
