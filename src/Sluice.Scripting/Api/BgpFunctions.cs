using System.Globalization;
using System.Net;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The BGP functions of sflow-rt-api.md §8 over the server's <see cref="BgpService"/>, the speaker the REST API and
/// the DDoS protection share. Neighbors added here keep nothing while their session is down, as sFlow-RT's apps expect
/// (they re-install their controls from <c>onOpen</c>), so an add answers false until the router has connected.
/// </summary>
internal static class BgpFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var bgp = script.Services.Bgp;
        BgpService Bgp(string function) => NotSupported.Require(engine, bgp, function);

        api.Add("bgpAddNeighbor", a => AddNeighbor(script, Bgp("bgpAddNeighbor"), a));
        api.Add("bgpRemoveNeighbor", a =>
        {
            var service = Bgp("bgpRemoveNeighbor");
            var router = Args.Text(engine, a, 0, "bgpRemoveNeighbor");
            // The session is told (Cease) and its withdrawals sent before this answers: time the script does not spend.
            return script.Blocking(() => service.RemoveNeighborAsync(router).GetAwaiter().GetResult());
        });
        api.Add("bgpAddFlow", a =>
        {
            var service = Bgp("bgpAddFlow");
            var router = Args.Text(engine, a, 0, "bgpAddFlow");
            var rule = Parse(engine, "bgpAddFlow", () => Rule(engine, "bgpAddFlow", Args.At(a, 1)));
            return Parse(engine, "bgpAddFlow", () => service.AddFlow(router, rule)) == BgpChangeResult.Done;
        });
        api.Add("bgpRemoveFlow", a =>
        {
            var service = Bgp("bgpRemoveFlow");
            var router = Args.Text(engine, a, 0, "bgpRemoveFlow");
            var rule = Parse(engine, "bgpRemoveFlow", () => Rule(engine, "bgpRemoveFlow", Args.At(a, 1)));
            return service.RemoveFlow(router, rule.Nlri) == BgpChangeResult.Done;
        });
        api.Add("bgpFlowCount", a => Bgp("bgpFlowCount").FlowCount(Args.Text(engine, a, 0, "bgpFlowCount")));
        api.Add("bgpAddRoute", a =>
        {
            var service = Bgp("bgpAddRoute");
            var router = Args.Text(engine, a, 0, "bgpAddRoute");
            var fields = Fields(engine, "bgpAddRoute", Args.At(a, 1));
            var prefix = fields.GetValueOrDefault("prefix") ?? throw Args.Fail(engine, "bgpAddRoute: prefix: required");
            var route = Parse(engine, "bgpAddRoute", () => BgpRoute.Parse(prefix, fields));
            return service.AddRoute(router, route) == BgpChangeResult.Done;
        });
        api.Add("bgpRemoveRoute", a =>
        {
            var service = Bgp("bgpRemoveRoute");
            var router = Args.Text(engine, a, 0, "bgpRemoveRoute");
            var prefix = Args.Text(engine, a, 1, "bgpRemoveRoute");
            return Parse(engine, "bgpRemoveRoute", () => service.RemoveRoute(router, prefix)) == BgpChangeResult.Done;
        });
        api.Add("bgpRouteCount", a => Bgp("bgpRouteCount").RouteCount(Args.Text(engine, a, 0, "bgpRouteCount")));
        var traffic = script.Services.BgpTraffic;
        api.Add("bgpAddSource", a =>
        {
            var sources = NotSupported.Require(engine, traffic, "bgpAddSource");
            var agent = Args.Text(engine, a, 0, "bgpAddSource");
            var t = Args.Number(a, 2, 2);
            var value = Args.OptionalText(a, 3);
            // The router is an address, or {router, router6} when IPv4 and IPv6 routes come from different sessions.
            var target = Args.At(a, 1);
            var routers = target is ObjectInstance o && !target.IsString()
                ? new[] { o.Get("router"), o.Get("router6") }.Where(v => v.IsString()).Select(v => v.AsString()).Distinct().ToList()
                : [Args.Text(engine, a, 1, "bgpAddSource")];
            foreach (var router in routers)
            {
                Parse(engine, "bgpAddSource", () =>
                {
                    sources.AddSource(agent, router, t, value);
                    return true;
                });
            }

            return JsValue.Undefined;
        });
        api.Add("bgpRemoveSource", a => NotSupported.Require(engine, traffic, "bgpRemoveSource").RemoveSource(Args.Text(engine, a, 0, "bgpRemoveSource")));
        api.Add("bgpTopPrefixes", a => TopPrefixes(script, NotSupported.Require(engine, traffic, "bgpTopPrefixes"), a, false, "bgpTopPrefixes"));
        api.Add("bgpTopPrefixes6", a => TopPrefixes(script, NotSupported.Require(engine, traffic, "bgpTopPrefixes6"), a, true, "bgpTopPrefixes6"));
    }

    /// <summary><c>bgpTopPrefixes(router, maxPrefixes, minValue?, direction?, includeCovered?, minPrefix?, pruneCovered?)</c>.</summary>
    private static JsValue TopPrefixes(ScriptRuntime script, Sluice.Engine.Bgp.Traffic.BgpTrafficSources traffic, JsValue[] a, bool ipv6, string function)
    {
        var engine = script.Engine;
        var router = Args.Text(engine, a, 0, function);
        if (!Sluice.Engine.Bgp.Traffic.BgpTopPrefixesQuery.TryParseDirection(Args.OptionalText(a, 3), out var bySource))
        {
            throw Args.Fail(engine, $"{function}: direction: expected destination or source");
        }

        if (Args.At(a, 4).IsBoolean() && Args.At(a, 4).AsBoolean() || Args.At(a, 6).IsBoolean() && Args.At(a, 6).AsBoolean())
        {
            // Every address counts for its longest matching prefix only; listing or pruning covering prefixes is not done.
            throw NotSupported.Error(engine, function + " with includeCovered or pruneCovered");
        }

        var query = new Sluice.Engine.Bgp.Traffic.BgpTopPrefixesQuery
        {
            MaxPrefixes = (int)Args.Number(a, 1, 100),
            MinValue = Args.Number(a, 2, 0),
            BySource = bySource,
            MinPrefix = (int)Args.Number(a, 5, 0),
        };
        var result = traffic.TopPrefixes(router, ipv6, query);
        return result is null ? JsValue.Null : JsonBridge.ToJs(engine, result);
    }

    /// <summary><c>bgpAddNeighbor(peerIP, localAS, routerID?, {ipv6, flowspec, flowspec6}?, onOpen?(peerIP), onClose?(peerIP))</c>.</summary>
    private static bool AddNeighbor(ScriptRuntime script, BgpService bgp, JsValue[] a)
    {
        var engine = script.Engine;
        var peer = Args.Text(engine, a, 0, "bgpAddNeighbor");
        if (!IPAddress.TryParse(peer.Trim(), out var address))
        {
            throw Args.Fail(engine, $"bgpAddNeighbor: '{peer}' is not an address");
        }

        // The seed passes the AS as a string ("65070").
        var asText = Args.Text(engine, a, 1, "bgpAddNeighbor");
        if (!uint.TryParse(asText, NumberStyles.None, CultureInfo.InvariantCulture, out var localAs) || localAs == 0)
        {
            throw Args.Fail(engine, $"bgpAddNeighbor: '{asText}' is not an AS number");
        }

        IPAddress? routerId = null;
        if (Args.OptionalText(a, 2) is { } idText)
        {
            if (!IPAddress.TryParse(idText.Trim(), out routerId) || routerId.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                throw Args.Fail(engine, $"bgpAddNeighbor: '{idText}' is not an IPv4 router ID");
            }
        }

        var options = Args.At(a, 3) as ObjectInstance;
        bool Option(string name) => options is not null && TypeConverter.ToBoolean(options.Get(name));
        var neighbor = new BgpNeighborOptions
        {
            Address = address,
            LocalAs = localAs,
            RouterId = routerId,
            IPv6Unicast = Option("ipv6"),
            FlowSpec = Option("flowspec"),
            FlowSpec6 = Option("flowspec6"),
            RetainWhenDown = false,
        };
        return bgp.AddNeighbor(neighbor, Callback(script, Args.At(a, 4)), Callback(script, Args.At(a, 5)));
    }

    /// <summary>The session's thread only queues the call: the script's engine runs on the script's own thread.</summary>
    private static Action<string>? Callback(ScriptRuntime script, JsValue function) =>
        function.IsCallable() ? peer => script.PostCall(function, () => [new JsString(peer)]) : null;

    /// <summary>A rule object <c>{match:{...}, then:{...}}</c>.</summary>
    private static FlowSpecRule Rule(JsEngine engine, string function, JsValue value)
    {
        if (value is not ObjectInstance rule)
        {
            throw Args.Fail(engine, $"{function}: a rule object {{match, then}} is expected");
        }

        var match = Fields(engine, function + " match", rule.Get("match"));
        var then = rule.Get("then") is var t && (t.IsUndefined() || t.IsNull()) ? null : Fields(engine, function + " then", t);
        return FlowSpecRule.Parse(match, then);
    }

    /// <summary>An object of strings; numbers and booleans as their text (<c>'traffic-rate':0</c>), as the REST API reads them.</summary>
    private static Dictionary<string, string> Fields(JsEngine engine, string what, JsValue value)
    {
        if (value is not ObjectInstance fields || value.IsArray())
        {
            throw Args.Fail(engine, $"{what}: an object is expected");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in fields.GetOwnPropertyKeys())
        {
            var field = fields.Get(key);
            if (field.IsUndefined() || field.IsNull())
            {
                continue;
            }

            if (field.IsObject())
            {
                throw Args.Fail(engine, $"{what}.{key}: a string or number is expected");
            }

            result[key.ToString()] = Args.ToText(field);
        }

        return result;
    }

    /// <summary>A bad rule, route or prefix is an error the script can catch, its message naming the field.</summary>
    private static T Parse<T>(JsEngine engine, string function, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw Args.Fail(engine, $"{function}: {e.Message}");
        }
    }
}
