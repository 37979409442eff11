using System.Globalization;
using System.Net;
using Sluice.Engine.Bgp.Rib;
using Sluice.Engine.Flows;

namespace Sluice.Engine.Bgp.Traffic;

/// <summary>
/// sFlow-RT's <c>bgpAddSource</c>, <c>bgpRemoveSource</c> and <c>bgpTopPrefixes</c>: sFlow agents linked to a BGP
/// neighbor, and the neighbor's learned prefixes ranked by the traffic those agents see.
/// Design: nothing runs per sample beyond ordinary flows. Each router gets four internal flow definitions
/// (<c>ipdestination</c>, <c>ipsource</c>, <c>ip6destination</c>, <c>ip6source</c>; filter <c>agent=…</c>), and a
/// query takes their active addresses (at most <see cref="MaxAddresses"/>), maps each to its longest matching prefix
/// in the neighbor's Adj-RIB-In and sums per prefix. Traffic to addresses the flow tables evicted is not counted.
/// </summary>
public sealed class BgpTrafficSources(SluiceEngine engine, BgpService bgp)
{
    /// <summary>The most active addresses a query maps to prefixes.</summary>
    public const int MaxAddresses = 100_000;

    private const string FlowPrefix = "sluice_bgp_";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RouterSources> _routers = new(StringComparer.Ordinal);

    /// <summary>Links <paramref name="agent"/> (an address, or <c>EDGE</c> for every agent's edge ports) to <paramref name="router"/>.</summary>
    /// <exception cref="FormatException">An address is not valid or the smoothing time is not positive.</exception>
    public void AddSource(string agent, string router, double t = 2, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(router);
        var edge = agent.Equals("EDGE", StringComparison.OrdinalIgnoreCase);
        if ((!edge && !IPAddress.TryParse(agent, out _)) || !IPAddress.TryParse(router, out var routerAddress) || !(t > 0))
        {
            throw new FormatException($"bgpAddSource: '{agent}', '{router}', {t.ToString(CultureInfo.InvariantCulture)}: expected addresses and t > 0");
        }

        var name = routerAddress.ToString();
        lock (_lock)
        {
            if (!_routers.TryGetValue(name, out var sources))
            {
                sources = new RouterSources(FlowPrefix + _routers.Count.ToString(CultureInfo.InvariantCulture));
                _routers[name] = sources;
            }

            sources.Agents.Add(edge ? "EDGE" : IPAddress.Parse(agent).ToString());
            sources.T = t;
            sources.Value = value ?? "bytes";
            Define(sources);
        }
    }

    /// <summary>Unlinks <paramref name="agent"/> from every router; a router left without agents loses its flows.</summary>
    public bool RemoveSource(string agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var key = IPAddress.TryParse(agent, out var parsed) ? parsed.ToString() : agent.ToUpperInvariant();
        var removed = false;
        lock (_lock)
        {
            foreach (var sources in _routers.Values)
            {
                if (sources.Agents.Remove(key))
                {
                    removed = true;
                    Define(sources);
                }
            }
        }

        return removed;
    }

    /// <summary>The learned prefixes of <paramref name="router"/> ranked by traffic; null for an unknown neighbor.</summary>
    public BgpTopPrefixesResult? TopPrefixes(string router, bool ipv6, BgpTopPrefixesQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var status = bgp.Neighbor(router);
        var rib = bgp.LearnedRoutes(router);
        if (status is null || rib is null)
        {
            return null;
        }

        // Read the router's sources under the lock: bgpAddSource may change them from a script meanwhile.
        string? flowName = null;
        var edge = false;
        if (IPAddress.TryParse(router, out var routerAddress))
        {
            lock (_lock)
            {
                if (_routers.GetValueOrDefault(routerAddress.ToString()) is { Agents.Count: > 0 } sources)
                {
                    flowName = sources.FlowName(ipv6, query.BySource);
                    edge = sources.Agents.Contains("EDGE");
                }
            }
        }

        var flows = flowName is null ? [] : engine.ActiveFlows("ALL", flowName, MaxAddresses, 0, edge ? "edge" : "sum");
        var addresses = new List<IPAddress>(flows.Count);
        var values = new List<double>(flows.Count);
        foreach (var flow in flows)
        {
            if (IPAddress.TryParse(flow.Key, out var address))
            {
                addresses.Add(address);
                values.Add(flow.Value);
            }
        }

        var found = new BgpLearnedRoute?[addresses.Count];
        rib.LookupAll(addresses, found);
        var total = 0.0;
        var covered = 0.0;
        var sums = new Dictionary<BgpLearnedRoute, double>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < found.Length; i++)
        {
            total += values[i];
            if (found[i] is { } route && route.Prefix.PrefixLength >= query.MinPrefix)
            {
                covered += values[i];
                sums[route] = sums.GetValueOrDefault(route) + values[i];
            }
        }

        var top = sums
            .Where(s => s.Value >= query.MinValue)
            .OrderByDescending(s => s.Value)
            .Take(Math.Max(0, query.MaxPrefixes))
            .Select(s => Entry(s.Key, s.Value))
            .ToList();
        var nPrefixes = rib.FamilyCount(ipv6);
        return new BgpTopPrefixesResult(
            status.State.ToString().ToLowerInvariant(), nPrefixes, rib.Added, rib.Removed, total, total > 0 ? 100 * covered / total : 0, top);
    }

    private static BgpTopPrefix Entry(BgpLearnedRoute route, double value)
    {
        // Standard communities as sFlow-RT writes them for bgpAddRoute: "65000:666 65000:1".
        var communities = string.Join(' ', route.Attributes.Communities.Standard.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c >> 16}:{c & 0xFFFF}")));
        return new BgpTopPrefix(
            route.Prefix.ToString(), value, route.Attributes.NextHop?.ToString(), route.Attributes.AsPathText, route.Attributes.LocalPref,
            string.IsNullOrEmpty(communities) ? null : communities);
    }

    private void Define(RouterSources sources)
    {
        foreach (var ipv6 in new[] { false, true })
        {
            foreach (var bySource in new[] { false, true })
            {
                var name = sources.FlowName(ipv6, bySource);
                if (sources.Agents.Count == 0)
                {
                    engine.Flows.Remove(name);
                    continue;
                }

                var addresses = sources.Agents.Where(a => a != "EDGE").ToList();
                engine.Flows.Set(name, new FlowDefinition
                {
                    Keys = (ipv6 ? "ip6" : "ip") + (bySource ? "source" : "destination"),
                    Value = sources.Value,
                    T = sources.T,
                    Filter = sources.Agents.Contains("EDGE") || addresses.Count == 0 ? null : "agent=" + string.Join(',', addresses),
                });
            }
        }
    }

    /// <summary>The agents linked to one router and the names of its internal flows.</summary>
    private sealed class RouterSources(string flowName)
    {
        public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);

        public double T { get; set; } = 2;

        public string Value { get; set; } = "bytes";

        public string FlowName(bool ipv6, bool bySource) => flowName + (ipv6 ? "6" : "4") + (bySource ? "_src" : "_dst");
    }
}
