using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Tests.Apps;
using Sluice.Tests.Serve;
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

    [Fact]
    public async Task FlowSpecPut_BeforeTheScriptNeighborConnects_IsHeldAndAnnouncedOnceEstablished()
    {
        // The guide's setup: the neighbor comes from a script's bgpAddNeighbor, and the rule is PUT before gobgpd connects.
        const string Address = "127.0.0.11";
        await using var router = new GobgpRouter(Address);
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["flowspec.js"] = $$"""bgpAddNeighbor("{{Address}}","65000","127.0.0.1",{flowspec:true,flowspec6:true});""",
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("script:file", folder.PathOf("flowspec.js"))));
        var bgp = host.Services.GetRequiredService<BgpService>();
        await Eventually.UntilAsync(() => Task.FromResult(bgp.Neighbor(Address) is not null), TimeSpan.FromSeconds(15), () => Task.FromResult("the script added no neighbor"));
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"/bgp/flowspec/{Address}/json", UriKind.Relative))
        {
            Content = new StringContent(BgpRouterScenario.SeedRule, Encoding.UTF8, "application/json"),
        };

        var response = await host.Http.SendAsync(put, TestContext.Current.CancellationToken);
        var held = await host.Http.GetStringAsync(new Uri($"/bgp/flowspec/{Address}/json", UriKind.Relative), TestContext.Current.CancellationToken);
        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);
        await Eventually.UntilAsync(
            async () => (await router.FlowSpecTableAsync(false)).Contains("10.0.0.1/32", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            async () => $"rule not announced: {bgp.Neighbor(Address)}\n{await router.FlowSpecTableAsync(false)}\n{router.Log}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"[{BgpRouterScenario.SeedRule}]", held);
        Assert.Equal(BgpSessionState.Established, bgp.Neighbor(Address)!.State);
    }
}
