using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's BGP REST API (sflow-rt-api.md §1.8) over the <see cref="BgpService"/>: FlowSpec rules
/// (<c>/bgp/flowspec/{router}/json</c>, the rule in the body of PUT and DELETE) and pushed routes
/// (<c>/bgp/routepusher/...</c>), plus <c>/bgp/neighbors/json</c>, Sluice's view of the sessions.
/// </summary>
internal static class BgpEndpoints
{
    public static IEndpointRouteBuilder MapBgpEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/bgp/neighbors/json", (BgpService bgp) => TypedResults.Json(new JsonArray([.. bgp.Neighbors().Select(Status)])));

        routes.MapGet("/bgp/topprefixes/{router}/json", IResult (Engine.Bgp.Traffic.BgpTrafficSources traffic, string router, HttpRequest request) =>
            TopPrefixes(traffic, router, request, false));
        routes.MapGet("/bgp/topprefixes6/{router}/json", IResult (Engine.Bgp.Traffic.BgpTrafficSources traffic, string router, HttpRequest request) =>
            TopPrefixes(traffic, router, request, true));
        routes.MapGet("/bgp/flowspec/{router}/json", IResult (BgpService bgp, string router) =>
            bgp.Flows(router) is { } rules ? TypedResults.Json(new JsonArray([.. rules.Select(Rule)])) : NotNeighbor(router));

        routes.MapPut("/bgp/flowspec/{router}/json", async Task<IResult> (BgpService bgp, string router, HttpRequest request) =>
        {
            var rule = await ReadRuleAsync(request).ConfigureAwait(false);
            // Held until the session is established, then announced: a rule PUT while the router is still connecting
            // is not lost (scripts get sFlow-RT's bgpAddFlow instead, false while the session is down).
            return rule.Error ?? Result(bgp.AddFlow(router, rule.Rule!, holdWhenDown: true), router);
        });

        routes.MapDelete("/bgp/flowspec/{router}/json", async Task<IResult> (BgpService bgp, string router, HttpRequest request) =>
        {
            var rule = await ReadRuleAsync(request).ConfigureAwait(false);
            return rule.Error ?? Result(bgp.RemoveFlow(router, rule.Rule!.Nlri), router);
        });

        routes.MapGet("/bgp/routepusher/{router}/json", IResult (BgpService bgp, string router) =>
            bgp.Routes(router) is { } pushed ? TypedResults.Json(new JsonArray([.. pushed.Select(r => JsonValue.Create(r.Prefix.ToString()))])) : NotNeighbor(router));

        routes.MapGet("/bgp/routepusher/{router}/{address}/{bits}/json", IResult (BgpService bgp, string router, string address, string bits) =>
        {
            if (!TryPrefix(address, bits, out var prefix, out var error))
            {
                return error;
            }

            return bgp.Route(router, prefix) is { } route ? TypedResults.Json(Route(route)) : TypedResults.NotFound();
        });

        routes.MapPut("/bgp/routepusher/{router}/{address}/{bits}/json", async Task<IResult> (BgpService bgp, string router, string address, string bits, HttpRequest request) =>
        {
            if (!TryPrefix(address, bits, out var prefix, out var error))
            {
                return error;
            }

            try
            {
                using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
                var route = BgpRoute.Parse(prefix.ToString(), Fields("route", body.RootElement));
                return Result(bgp.AddRoute(router, route), router);
            }
            catch (JsonException e)
            {
                return BadRequest(e.Message);
            }
            catch (FormatException e)
            {
                return BadRequest(e.Message);
            }
        });

        routes.MapDelete("/bgp/routepusher/{router}/{address}/{bits}/json", IResult (BgpService bgp, string router, string address, string bits) =>
            TryPrefix(address, bits, out var prefix, out var error) ? Result(bgp.RemoveRoute(router, prefix.ToString()), router) : error);

        return routes;
    }

    /// <summary>A rule as sFlow-RT lists it: <c>{"match":{...},"then":{...}}</c>, the fields as they were given.</summary>
    /// <summary><c>maxPrefixes</c>, <c>minValue</c>, <c>direction</c>, <c>minPrefix</c>; includeCovered/pruneCovered are not done yet.</summary>
    private static IResult TopPrefixes(Engine.Bgp.Traffic.BgpTrafficSources traffic, string router, HttpRequest request, bool ipv6)
    {
        var q = request.Query;
        if (!Engine.Bgp.Traffic.BgpTopPrefixesQuery.TryParseDirection(q["direction"], out var bySource))
        {
            return BadRequest("direction: expected destination or source");
        }

        if (q["includeCovered"] == "true" || q["pruneCovered"] == "true")
        {
            return BadRequest("includeCovered and pruneCovered are not supported yet");
        }

        if (!Int(q["maxPrefixes"], 100, out var maxPrefixes) || !Int(q["minPrefix"], 0, out var minPrefix)
            || !double.TryParse(q["minValue"].FirstOrDefault() ?? "0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var minValue))
        {
            return BadRequest("maxPrefixes, minPrefix and minValue must be numbers");
        }

        var query = new Engine.Bgp.Traffic.BgpTopPrefixesQuery { MaxPrefixes = maxPrefixes, MinValue = minValue, BySource = bySource, MinPrefix = minPrefix };
        var result = traffic.TopPrefixes(router, ipv6, query);
        return result is null ? NotNeighbor(router) : TypedResults.Json(result);
    }

    private static bool Int(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    public static JsonObject Rule(FlowSpecRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new JsonObject
        {
            ["match"] = Object(rule.Match),
            ["then"] = Object(rule.Then),
        };
    }

    /// <summary>Reads <c>{"match":{...},"then":{...}}</c>; field values may be strings or numbers.</summary>
    /// <exception cref="FormatException">Not that shape, or a field does not parse.</exception>
    public static FlowSpecRule ParseRule(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected {\"match\":{...},\"then\":{...}}");
        }

        Dictionary<string, string>? match = null;
        Dictionary<string, string>? then = null;
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "match":
                    match = Fields("match", property.Value);
                    break;
                case "then":
                    then = Fields("then", property.Value);
                    break;
                default:
                    throw new FormatException($"unknown field '{property.Name}' (a rule has match and then)");
            }
        }

        return FlowSpecRule.Parse(match ?? throw new FormatException("match: required"), then);
    }

    private static async Task<(FlowSpecRule? Rule, IResult? Error)> ReadRuleAsync(HttpRequest request)
    {
        try
        {
            using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
            return (ParseRule(body.RootElement), null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest(e.Message));
        }
        catch (FormatException e)
        {
            return (null, BadRequest(e.Message));
        }
    }

    /// <summary>An object of strings; numbers and booleans are taken as their text (scripts write <c>"traffic-rate":0</c>).</summary>
    private static Dictionary<string, string> Fields(string name, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{name}: an object is expected");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new FormatException($"{name}.{property.Name}: a string or number is expected"),
            };
        }

        return fields;
    }

    private static bool TryPrefix(string address, string bits, out System.Net.IPNetwork prefix, out IResult error)
    {
        try
        {
            prefix = BgpPrefixes.Parse($"{address}/{bits}");
            error = TypedResults.Empty;
            return true;
        }
        catch (FormatException e)
        {
            prefix = default;
            error = BadRequest(e.Message);
            return false;
        }
    }

    private static IResult Result(BgpChangeResult result, string router) => result switch
    {
        BgpChangeResult.Done => TypedResults.NoContent(),
        BgpChangeResult.UnknownNeighbor => NotNeighbor(router),
        BgpChangeResult.NotFound => TypedResults.NotFound(),
        BgpChangeResult.NotEstablished => TypedResults.Text($"the session with {router} is not established", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => BadRequest($"{router} already holds its most rules or routes"),
    };

    private static JsonObject Route(BgpRoute route)
    {
        var json = Object(route.Fields);
        json["prefix"] = route.Prefix.ToString();
        return json;
    }

    private static JsonObject Status(BgpNeighborStatus status) => new()
    {
        ["address"] = status.Address,
        ["state"] = status.State.ToString().ToLowerInvariant(),
        ["stateChanged"] = status.StateChangedUnixMs,
        ["localAS"] = status.LocalAs,
        ["localRouterID"] = status.LocalRouterId,
        ["peerAS"] = status.PeerAs,
        ["peerRouterID"] = status.PeerRouterId,
        ["families"] = new JsonArray([.. status.Families.Select(f => JsonValue.Create(f.ToString()))]),
        ["holdTime"] = status.HoldTimeSeconds,
        ["fourOctetAS"] = status.FourOctetAs,
        ["extendedMessages"] = status.ExtendedMessages,
        ["establishedTransitions"] = status.EstablishedTransitions,
        ["flows"] = status.FlowCount,
        ["routes"] = status.RouteCount,
        ["updatesReceived"] = status.UpdatesReceived,
        ["updatesSent"] = status.UpdatesSent,
        ["prefixesReceived"] = status.PrefixesReceived,
        ["prefixesWithdrawn"] = status.PrefixesWithdrawn,
        ["flowspecReceived"] = status.FlowSpecReceived,
        ["flowspecWithdrawn"] = status.FlowSpecWithdrawn,
        ["lastNotificationSent"] = status.LastNotificationSent,
        ["lastNotificationReceived"] = status.LastNotificationReceived,
        ["lastError"] = status.LastError,
    };

    private static JsonObject Object(IReadOnlyDictionary<string, string> fields)
    {
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value;
        }

        return json;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult NotNeighbor(string router) =>
        TypedResults.Text($"{router} is not a BGP neighbor", "text/plain", statusCode: StatusCodes.Status404NotFound);

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult BadRequest(string message) =>
        TypedResults.Text(message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
}
