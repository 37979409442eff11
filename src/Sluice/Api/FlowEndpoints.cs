using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Engine.Persistence;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's flow endpoints (sflow-rt-api.md §1.3): <c>/flow</c> definitions, <c>/activeflows</c>, <c>/flowkeys</c>,
/// <c>/flowvalue</c> and <c>/flowlocations</c>.
/// </summary>
internal static class FlowEndpoints
{
    /// <summary><c>maxFlows</c> when the query leaves it out.</summary>
    private const int DefaultMaxFlows = 100;

    public static IEndpointRouteBuilder MapFlowEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flow/json", (SluiceEngine engine) =>
        {
            var all = new JsonObject();
            foreach (var (name, definition) in engine.Flows.All())
            {
                all[name] = ToJson(definition);
            }

            return TypedResults.Json(all);
        });

        routes.MapGet("/flow/{name}/json", IResult (SluiceEngine engine, string name) =>
            engine.Flows.TryGet(name) is { } definition ? TypedResults.Json(ToJson(definition)) : TypedResults.NotFound());

        routes.MapPut("/flow/{name}/json", async Task<IResult> (SluiceEngine engine, DefinitionStore store, string name, HttpRequest request) =>
        {
            FlowDefinition definition;
            try
            {
                using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
                definition = Parse(body.RootElement);
            }
            catch (JsonException e)
            {
                return BadRequest(e.Message);
            }
            catch (FormatException e)
            {
                return BadRequest(e.Message);
            }

            try
            {
                engine.Flows.Set(name, definition);
            }
            catch (FlowSyntaxException e)
            {
                return BadRequest(e.Message);
            }

            store.Set(DefinitionKind.Flows, name, ToJson(definition));
            return TypedResults.NoContent();
        });

        routes.MapDelete("/flow/{name}/json", (SluiceEngine engine, DefinitionStore store, string name) =>
            DefinitionResults.Removed(engine.Flows.Remove(name), store, DefinitionKind.Flows, name));

        routes.MapGet("/activeflows/{agent}/{name}/json", IResult (SluiceEngine engine, string agent, string name, HttpRequest request) =>
        {
            if (engine.Flows.TryGet(name) is null)
            {
                return TypedResults.NotFound();
            }

            var query = request.Query;
            var maxFlows = int.TryParse(query["maxFlows"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : DefaultMaxFlows;
            var minValue = double.TryParse(query["minValue"], NumberStyles.Float, CultureInfo.InvariantCulture, out var min) ? min : 0;
            string? aggMode = query["aggMode"];
            FlowKeyFilter? filter = null;
            if (!string.IsNullOrWhiteSpace(query["filter"]))
            {
                // A filter expression over the definition's own keys (see FlowKeyFilter); a bad one is a 400 naming the token.
                try
                {
                    filter = engine.Flows.CompileKeyFilter(name, query["filter"].ToString());
                }
                catch (FlowSyntaxException e)
                {
                    return BadRequest($"filter: {e.Message}");
                }
            }

            return TypedResults.Json(engine.ActiveFlows(agent, name, maxFlows, minValue, aggMode, filter: filter));
        });

        routes.MapGet("/flowkeys/json", (SluiceEngine engine) => TypedResults.Json(engine.FlowKeysSeen()));

        routes.MapGet("/flowvalue/{agent}/{name}/json", IResult (SluiceEngine engine, string agent, string name, HttpRequest request) =>
        {
            if (request.Query["key"].ToString() is not { Length: > 0 } key)
            {
                return BadRequest("key: required");
            }

            return FlowValue(engine, agent, name, key) is { } value ? TypedResults.Json(value) : TypedResults.NotFound();
        });

        routes.MapGet("/flowlocations/{agent}/{name}/json", IResult (SluiceEngine engine, string agent, string name, HttpRequest request) =>
        {
            if (engine.Flows.TryGet(name) is null)
            {
                return TypedResults.NotFound();
            }

            return request.Query["key"].ToString() is { Length: > 0 } key
                ? TypedResults.Json(engine.FlowLocations(agent, name, key))
                : BadRequest("key: required");
        });

        return routes;
    }

    /// <summary>
    /// <c>/flowvalue</c> and the scripts' <c>flowValue</c>: <paramref name="name"/> is <c>&lt;dataSource&gt;.&lt;flow&gt;</c>
    /// (22.tcp, 2.1.tcp); every split at a dot that names a defined flow is tried. Null when no table holds the key.
    /// </summary>
    public static double? FlowValue(SluiceEngine engine, string agent, string name, string key)
    {
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = name.IndexOf('.', dot + 1))
        {
            var flow = name[(dot + 1)..];
            if (engine.Flows.TryGet(flow) is not null && engine.FlowValueAt(agent, name[..dot], flow, key) is { } rate)
            {
                return rate.Value;
            }
        }

        return null;
    }

    /// <summary>400 with the reason as plain text (the parser's message names the attribute, position and token).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult BadRequest(string message) =>
        TypedResults.Text(message, "text/plain", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A definition as sFlow-RT's JSON: the attributes that are set, with sFlow-RT's names.</summary>
    public static JsonObject ToJson(FlowDefinition definition)
    {
        var json = new JsonObject();
        if (definition.Keys is not null)
        {
            json["keys"] = definition.Keys;
        }

        json["value"] = definition.Value;
        if (definition.Values is not null)
        {
            json["values"] = definition.Values;
        }

        if (definition.Filter is not null)
        {
            json["filter"] = definition.Filter;
        }

        json["n"] = definition.N;
        json["t"] = definition.T;
        json["fs"] = definition.Fs;
        json["log"] = definition.Log;
        json["flowStart"] = definition.FlowStart;
        json["activeTimeout"] = definition.ActiveTimeout;
        json["dropped"] = definition.Dropped;
        if (definition.AggMode is not null)
        {
            json["aggMode"] = definition.AggMode;
        }

        if (definition.IpfixCollectors is { Count: > 0 } collectors)
        {
            json["ipfixCollectors"] = new JsonArray([.. collectors.Select(c => JsonValue.Create(c))]);
        }

        return json;
    }

    /// <summary>Reads a §3.1 definition; <c>keys</c> and <c>values</c> may be a comma string or an array.</summary>
    /// <exception cref="FormatException">An attribute has the wrong JSON type.</exception>
    public static FlowDefinition Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("flow definition: a JSON object is expected");
        }

        var definition = new FlowDefinition();
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            definition = property.Name switch
            {
                "keys" => definition with { Keys = List(property.Name, value) },
                "value" => definition with { Value = JsonFields.Text(property.Name, value) },
                "values" => definition with { Values = List(property.Name, value) },
                "filter" => definition with { Filter = JsonFields.Text(property.Name, value) },
                "n" => definition with { N = (int)JsonFields.Number(property.Name, value) },
                "t" => definition with { T = JsonFields.Number(property.Name, value) },
                "fs" => definition with { Fs = JsonFields.Text(property.Name, value) ?? "," },
                "log" => definition with { Log = JsonFields.Flag(property.Name, value) },
                "flowStart" => definition with { FlowStart = JsonFields.Flag(property.Name, value) },
                "activeTimeout" => definition with { ActiveTimeout = (int)JsonFields.Number(property.Name, value) },
                "dropped" => definition with { Dropped = JsonFields.Flag(property.Name, value) },
                "aggMode" => definition with { AggMode = JsonFields.Text(property.Name, value) },
                "ipfixCollectors" => definition with { IpfixCollectors = List(property.Name, value)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => definition, // unknown attributes are accepted and ignored
            };
        }

        return definition;
    }

    private static string? List(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return JsonFields.Text(name, value);
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add(JsonFields.Text(name, item) ?? throw new FormatException($"{name}: an array of strings is expected"));
        }

        return FlowDefinition.JoinList(items);
    }
}
