using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Tests.Serve;
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

    [Fact]
    public async Task RoutePusher_BlackholeRoute_ReachesExabgpWithItsCommunityAndIsWithdrawn()
    {
        await using var router = new ExabgpRouter("127.0.0.7", "ipv4 unicast;");
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:neighbors", router.Address));
        var bgp = host.Services.GetRequiredService<BgpService>();
        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);
        await Eventually.UntilAsync(
            () => Task.FromResult(bgp.Neighbor(router.Address)!.State == BgpSessionState.Established),
            TimeSpan.FromSeconds(30),
            () => Task.FromResult($"no session: {bgp.Neighbor(router.Address)}\n{router.Log}"));

        using var route = new StringContent("""{"nexthop":"192.0.2.1","communities":"65535:666","aspath":"64512"}""", Encoding.UTF8, "application/json");
        var put = await host.Http.PutAsync(new Uri($"/bgp/routepusher/{router.Address}/10.0.0.1/32/json", UriKind.Relative), route, TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(
            () => Task.FromResult(router.Table("ipv4 unicast").Contains("10.0.0.1/32", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            () => Task.FromResult(router.Received));
        var announced = router.Table("ipv4 unicast");
        var delete = await host.Http.DeleteAsync(new Uri($"/bgp/routepusher/{router.Address}/10.0.0.1/32/json", UriKind.Relative), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(
            () => Task.FromResult(!router.Table("ipv4 unicast").Contains("10.0.0.1/32", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            () => Task.FromResult(router.Received));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("10.0.0.1/32 65535:666", announced);
        Assert.Contains("\"as-path\": [ 65000, 64512 ]", router.Received, StringComparison.Ordinal);
        Assert.Contains("\"ipv4 unicast\": { \"192.0.2.1\": [ { \"nlri\": \"10.0.0.1/32\" } ]", router.Received, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }
}
