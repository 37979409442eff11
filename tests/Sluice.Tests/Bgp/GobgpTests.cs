using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>gobgpd as the router (peers.md §2): its RIB as JSON.</summary>
public sealed class GobgpTests
{
    [Fact]
    public async Task FlowSpec_SeedAndIPv6Rules_ReachGobgpAndAreWithdrawn()
    {
        await using var router = new GobgpRouter("127.0.0.5");

        var (ipv4, ipv6, _) = await BgpRouterScenario.RunAsync(router);

        Assert.Contains("[destination: 10.0.0.1/32][protocol: ==udp][source-port: ==53]", ipv4, StringComparison.Ordinal);
        Assert.Contains("\"subtype\":6", ipv4, StringComparison.Ordinal);
        Assert.Contains("[destination: 2001:db8::1/128/0][protocol: ==udp][source-port: ==53]", ipv6, StringComparison.Ordinal);
    }
}
