using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.Wire;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>
/// The acceptance scenario every router goes through: <c>sluice serve</c> listens for BGP on 127.0.0.1; the router
/// connects with IPv4 and IPv6 FlowSpec; the seed's rule (10.0.0.1/32, UDP, source port 53, discard) and an IPv6 rule
/// are PUT over REST and show in the router's table; DELETE withdraws the first; stopping Sluice withdraws the other.
/// </summary>
internal static class BgpRouterScenario
{
    /// <summary>The seed article's rule, as its REST call pushes it.</summary>
    public const string SeedRule = """{"match":{"destination":"10.0.0.1/32","protocol":"=17","source-port":"=53"},"then":{"traffic-rate":"0"}}""";

    public const string IPv6Rule = """{"match":{"version":"6","destination":"2001:db8::1/128","protocol":"=17","source-port":"=53"},"then":{"traffic-rate":"0"}}""";

    private static readonly TimeSpan EstablishWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TableWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs the scenario; returns the tables the router showed with both rules in, and the neighbor's status once
    /// <paramref name="settled"/> (when given) held for it, before Sluice stopped.
    /// </summary>
    public static async Task<(string IPv4Table, string IPv6Table, BgpNeighborStatus Status)> RunAsync(IBgpRouter router, Func<BgpNeighborStatus, bool>? settled = null)
    {
        var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:as", "65000"), ("bgp:neighbors", router.Address));
        var stopped = false;
        try
        {
            var bgp = host.Services.GetRequiredService<BgpService>();
            await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);
            await Eventually.UntilAsync(
                () => Task.FromResult(bgp.Neighbor(router.Address)!.State == BgpSessionState.Established),
                EstablishWait,
                () => Task.FromResult($"no session: {bgp.Neighbor(router.Address)}\n{router.Log}"));

            Assert.Equal(
                [BgpFamily.IPv4FlowSpec, BgpFamily.IPv6FlowSpec],
                bgp.Neighbor(router.Address)!.Families.Where(f => f.IsFlowSpec));
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(host, HttpMethod.Put, router.Address, SeedRule)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(host, HttpMethod.Put, router.Address, IPv6Rule)).StatusCode);
            await Eventually.UntilAsync(
                async () => (await router.FlowSpecTableAsync(false)).Contains("10.0.0.1/32", StringComparison.Ordinal)
                    && (await router.FlowSpecTableAsync(true)).Contains("2001:db8::1/128", StringComparison.Ordinal),
                TableWait,
                async () => $"rules missing:\n{await router.FlowSpecTableAsync(false)}\n{await router.FlowSpecTableAsync(true)}\n{router.Log}");
            var ipv4 = await router.FlowSpecTableAsync(false);
            var ipv6 = await router.FlowSpecTableAsync(true);

            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(host, HttpMethod.Delete, router.Address, SeedRule)).StatusCode);
            await Eventually.UntilAsync(
                async () => !(await router.FlowSpecTableAsync(false)).Contains("10.0.0.1/32", StringComparison.Ordinal),
                TableWait,
                async () => $"IPv4 rule not withdrawn:\n{await router.FlowSpecTableAsync(false)}");
            Assert.Contains("2001:db8::1/128", await router.FlowSpecTableAsync(true), StringComparison.Ordinal);
            if (settled is not null)
            {
                await Eventually.UntilAsync(
                    () => Task.FromResult(settled(bgp.Neighbor(router.Address)!)),
                    TableWait,
                    () => Task.FromResult($"the neighbor did not settle: {bgp.Neighbor(router.Address)}"));
            }

            var status = bgp.Neighbor(router.Address)!;

            stopped = true;
            await host.DisposeAsync();
            await Eventually.UntilAsync(
                async () => !(await router.FlowSpecTableAsync(true)).Contains("2001:db8::1/128", StringComparison.Ordinal),
                TableWait,
                async () => $"IPv6 rule not withdrawn when Sluice stopped:\n{await router.FlowSpecTableAsync(true)}");
            return (ipv4, ipv6, status);
        }
        finally
        {
            if (!stopped)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(ServeTestHost host, HttpMethod method, string router, string rule)
    {
        using var request = new HttpRequestMessage(method, new Uri($"/bgp/flowspec/{router}/json", UriKind.Relative))
        {
            Content = new StringContent(rule, Encoding.UTF8, "application/json"),
        };
        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
