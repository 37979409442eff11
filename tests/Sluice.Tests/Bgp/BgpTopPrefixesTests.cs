using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.Traffic;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>exabgp announces routes to Sluice; sFlow traffic from a linked agent ranks them (<c>/bgp/topprefixes</c>).</summary>
public sealed class BgpTopPrefixesTests
{
    private const string Router = "127.0.0.8";
    private const string Agent = "192.0.2.50";

    private static readonly (string, string, uint)[] Packets =
    [
        ("192.0.2.1", "10.1.0.5", 1500), ("192.0.2.1", "10.1.0.6", 1500), ("192.0.2.1", "10.1.0.5", 1500),
        ("192.0.2.1", "10.2.0.7", 500), ("192.0.2.1", "10.3.0.1", 100), ("192.0.2.1", "172.16.0.1", 1000),
    ];

    [Fact]
    public async Task TopPrefixes_RoutesFromExabgpAndTraffic_RankedByBytesWithRouteAttributes()
    {
        await using var router = new ExabgpRouter(Router, "ipv4 unicast;",
            "route 10.1.0.0/16 next-hop 192.0.2.9 as-path [ 64999 ] community [ 65000:1 ]; " +
            "route 10.2.0.0/16 next-hop 192.0.2.9 as-path [ 64998 ]; route 10.0.0.0/8 next-hop 192.0.2.9;");
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:neighbors", Router));
        var bgp = host.Services.GetRequiredService<BgpService>();
        host.Services.GetRequiredService<BgpTrafficSources>().AddSource(Agent, Router, 10);
        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);
        await Eventually.UntilAsync(
            () => Task.FromResult(bgp.LearnedRoutes(Router)!.Count == 3),
            TimeSpan.FromSeconds(30),
            () => Task.FromResult($"routes {bgp.LearnedRoutes(Router)!.Count}: {bgp.Neighbor(Router)}\n{router.Log}"));

        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows(Agent, (uint)i, 100, 3, Packets))
            .Append(FlowDatagrams.Flows("192.0.2.51", 1, 100, 3, ("192.0.2.1", "10.2.0.7", 1500))));
        JsonElement top = default;
        await Eventually.UntilAsync(
            async () =>
            {
                using var json = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri($"/bgp/topprefixes/{Router}/json?maxPrefixes=2&minPrefix=1", UriKind.Relative), TestContext.Current.CancellationToken));
                top = json.RootElement.Clone();
                return top.GetProperty("topPrefixes").GetArrayLength() == 2;
            },
            TimeSpan.FromSeconds(15),
            () => Task.FromResult(top.ToString()));
        var prefixes = top.GetProperty("topPrefixes");
        var unknown = await host.Http.GetAsync(new Uri("/bgp/topprefixes/127.0.0.99/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("established", top.GetProperty("state").GetString());
        Assert.Equal(3, top.GetProperty("nPrefixes").GetInt32());
        Assert.Equal(["10.1.0.0/16", "10.2.0.0/16"], prefixes.EnumerateArray().Select(p => p.GetProperty("prefix").GetString()));
        // 4500 vs 500 bytes a datagram; 192.0.2.51 is not linked to the router, so its 1500 bytes to 10.2.0.7 do not count.
        Assert.InRange(prefixes[0].GetProperty("value").GetDouble() / prefixes[1].GetProperty("value").GetDouble(), 8.5, 9.5);
        Assert.Equal("192.0.2.9", prefixes[0].GetProperty("nexthop").GetString());
        Assert.Contains("64999", prefixes[0].GetProperty("aspath").GetString(), StringComparison.Ordinal);
        Assert.Equal("65000:1", prefixes[0].GetProperty("communities").GetString());
        // 172.16.0.1 (1000 of 6600 bytes) matches no route.
        Assert.InRange(top.GetProperty("valuePercentCoverage").GetDouble(), 83.0, 86.7);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{top}"));
    }
}
