using System.Net;
using System.Text.Json.Nodes;
using Sluice.Engine.Bgp;
using Sluice.Scripting.Tests.Support;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

/// <summary>
/// The BGP functions of sflow-rt-api.md §8 over a real <see cref="BgpService"/>: without a router (what fails, and how),
/// and with exabgp connecting and receiving the seed's FlowSpec rule pushed from the script's <c>onOpen</c>.
/// </summary>
public sealed class BgpFunctionsTests
{
    /// <summary>The seed's rule (README.md's BGP section): UDP from port 53 to 10.0.0.1 dropped.</summary>
    private const string Rule = "{match:{destination:'10.0.0.1/32',protocol:'=17','source-port':'=53'},then:{'traffic-rate':0}}";

    [Fact]
    public async Task BgpFunctions_NeighborWithoutSession_AddsRefusedCountsZeroAndBadInputCatchable()
    {
        await using var bgp = new BgpService(new BgpServiceOptions());
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/t/scripts/main.js"] = $$"""
                    var RULE = {{Rule}};
                    function error(f) { try { f(); return 'no error'; } catch (e) { return e.message; } }
                    setHttpHandler(function(req) {
                      var r = {added: bgpAddNeighbor('127.0.0.1', '65000', '192.0.2.1', {flowspec:true})};
                      r.flow = bgpAddFlow('127.0.0.1', RULE);
                      r.flows = bgpFlowCount('127.0.0.1');
                      r.unknownFlows = bgpFlowCount('127.0.0.9');
                      r.unknownFlow = bgpAddFlow('127.0.0.9', RULE);
                      r.route = bgpAddRoute('127.0.0.1', {prefix:'10.0.0.1/32', nexthop:'192.0.2.1', communities:'65535:666'});
                      r.routes = bgpRouteCount('127.0.0.1');
                      r.removeFlow = bgpRemoveFlow('127.0.0.1', RULE);
                      r.removeRoute = bgpRemoveRoute('127.0.0.1', '10.0.0.1/32');
                      r.badRule = error(function() { bgpAddFlow('127.0.0.1', {match: {protocol: '=bogus'} }); });
                      r.noRule = error(function() { bgpAddFlow('127.0.0.1'); });
                      r.badRoute = error(function() { bgpAddRoute('127.0.0.1', {prefix:'10.0.0.1/32'}); });
                      r.badPrefix = error(function() { bgpRemoveRoute('127.0.0.1', 'nonsense'); });
                      r.badAs = error(function() { bgpAddNeighbor('127.0.0.1', 'x'); });
                      r.badPeer = error(function() { bgpAddNeighbor('router1', 65000); });
                      r.source = error(function() { bgpSetNextHops({}); });
                      r.removed = [bgpRemoveNeighbor('127.0.0.1'), bgpRemoveNeighbor('127.0.0.1'), bgpFlowCount('127.0.0.1')];
                      return r;
                    });
                    """,
            },
            s => s with { Bgp = bgp });

        var r = JsonNode.Parse((await host.RequestAsync("t", "main.js", "json")).Body!)!;

        Assert.True(r["added"]!.GetValue<bool>());
        Assert.False(r["flow"]!.GetValue<bool>()); // as sFlow-RT: nothing is kept while the session is down
        Assert.Equal(0, r["flows"]!.GetValue<int>());
        Assert.Equal(-1, r["unknownFlows"]!.GetValue<int>());
        Assert.False(r["unknownFlow"]!.GetValue<bool>());
        Assert.False(r["route"]!.GetValue<bool>());
        Assert.Equal(0, r["routes"]!.GetValue<int>());
        Assert.False(r["removeFlow"]!.GetValue<bool>());
        Assert.False(r["removeRoute"]!.GetValue<bool>());
        Assert.StartsWith("bgpAddFlow: ", Text(r, "badRule"), StringComparison.Ordinal);
        Assert.Contains("protocol", Text(r, "badRule"), StringComparison.Ordinal);
        Assert.Equal("bgpAddFlow: a rule object {match, then} is expected", Text(r, "noRule"));
        Assert.Equal("bgpAddRoute: nexthop: required", Text(r, "badRoute"));
        Assert.StartsWith("bgpRemoveRoute: ", Text(r, "badPrefix"), StringComparison.Ordinal);
        Assert.Equal("bgpAddNeighbor: 'x' is not an AS number", Text(r, "badAs"));
        Assert.Equal("bgpAddNeighbor: 'router1' is not an address", Text(r, "badPeer"));
        Assert.Equal("bgpSetNextHops is not supported yet by this Sluice build", Text(r, "source"));
        Assert.Equal("[true,false,-1]", r["removed"]!.ToJsonString());
        Assert.Empty(bgp.Neighbors());
    }

    [Fact]
    public async Task BgpTopPrefixes_NeighborWithoutSession_AnswersEmptyTableAndSourcesDefineFlows()
    {
        await using var bgp = new BgpService(new BgpServiceOptions());
        Sluice.Engine.SluiceEngine? engine = null;
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/t/scripts/main.js"] = """
                    function error(f) { try { f(); return 'no error'; } catch (e) { return e.message; } }
                    setHttpHandler(function(req) {
                      bgpAddNeighbor('127.0.0.1', '65000');
                      bgpAddSource('192.0.2.50', {router:'127.0.0.1', router6:'127.0.0.1'}, 10);
                      var r = {top: bgpTopPrefixes('127.0.0.1', 10, 0, 'destination'), top6: bgpTopPrefixes6('127.0.0.1', 10)};
                      r.unknown = bgpTopPrefixes('127.0.0.9', 10);
                      r.covered = error(function() { bgpTopPrefixes('127.0.0.1', 10, 0, 'destination', true); });
                      r.direction = error(function() { bgpTopPrefixes('127.0.0.1', 10, 0, 'sideways'); });
                      r.badAgent = error(function() { bgpAddSource('nonsense', '127.0.0.1'); });
                      r.removed = [bgpRemoveSource('192.0.2.50'), bgpRemoveSource('192.0.2.50')];
                      return r;
                    });
                    """,
            },
            s =>
            {
                engine = s.Engine;
                return s with { Bgp = bgp, BgpTraffic = new Sluice.Engine.Bgp.Traffic.BgpTrafficSources(s.Engine, bgp) };
            });

        var r = JsonNode.Parse((await host.RequestAsync("t", "main.js", "json")).Body!)!;

        Assert.Equal(
            """{"state":"active","nPrefixes":0,"learnedPrefixesAdded":0,"learnedPrefixesRemoved":0,"valueTotal":0,"valuePercentCoverage":0,"topPrefixes":[]}""",
            r["top"]!.ToJsonString());
        Assert.Equal(0, r["top6"]!["nPrefixes"]!.GetValue<int>());
        Assert.Null(r["unknown"]);
        Assert.Equal("bgpTopPrefixes with includeCovered or pruneCovered is not supported yet by this Sluice build", Text(r, "covered"));
        Assert.Equal("bgpTopPrefixes: direction: expected destination or source", Text(r, "direction"));
        Assert.StartsWith("bgpAddSource: ", Text(r, "badAgent"), StringComparison.Ordinal);
        Assert.Equal("[true,false]", r["removed"]!.ToJsonString());
        Assert.DoesNotContain(engine!.Flows.Names, n => n.StartsWith("sluice_bgp_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BgpAddFlow_FromOnOpen_ExabgpReceivesSeedRuleAndCallbackRanOnScriptThread()
    {
        await using var bgp = new BgpService(new BgpServiceOptions { Listen = true, ListenAddress = IPAddress.Loopback, Port = 0 });
        bgp.Start();
        await using var router = new ExabgpRouter("127.0.0.10");
        ThreadProbeHost? probe = null;
        await using var host = await ScriptTestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["app/t/scripts/main.js"] = $$"""
                    var RULE = {{Rule}};
                    var state = {opened: []};
                    state.added = bgpAddNeighbor('{{router.Address}}', 65000, '192.0.2.1', {flowspec:true}, function(peer) {
                      getSystemProperty('probe.open');
                      state.opened.push(peer);
                      state.pushed = bgpAddFlow(peer, RULE);
                      state.flows = bgpFlowCount(peer);
                    }, function(peer) { state.closed = peer; });
                    setHttpHandler(function(req) {
                      if (req.path[0] == 'remove') return [bgpRemoveFlow('{{router.Address}}', RULE), bgpFlowCount('{{router.Address}}')];
                      return state;
                    });
                    """,
            },
            s => s with { Bgp = bgp, Host = probe = new ThreadProbeHost(s.Host) });
        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);

        await Eventually.TrueAsync(() => router.Table("ipv4 flow").Length > 0, "the rule at exabgp\n" + router.Log, 60);
        var announced = router.Table("ipv4 flow");
        var state = JsonNode.Parse((await host.RequestAsync("t", "main.js", "json")).Body!)!;
        var removed = (await host.RequestAsync("t", "main.js", "remove/json")).Body;
        await Eventually.TrueAsync(() => router.Table("ipv4 flow").Length == 0, "the withdrawal at exabgp\n" + router.Received, 30);

        Assert.Contains("flow destination-ipv4 10.0.0.1/32 protocol =udp source-port =53 rate-limit:0", announced, StringComparison.Ordinal);
        Assert.True(state["added"]!.GetValue<bool>());
        Assert.Equal($"""["{router.Address}"]""", state["opened"]!.ToJsonString());
        Assert.True(state["pushed"]!.GetValue<bool>());
        Assert.Equal(1, state["flows"]!.GetValue<int>());
        Assert.Equal("[true,0]", removed);
        Assert.Equal([("probe.open", (string?)"script app/t/scripts/main.js")], probe!.Calls.Where(c => c.Property == "probe.open"));
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
