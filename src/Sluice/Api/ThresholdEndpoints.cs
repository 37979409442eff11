using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Persistence;
using Sluice.Engine.Thresholds;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's threshold and event endpoints (sflow-rt-api.md §1.4, §5): <c>/threshold</c> definitions and the
/// <c>/events</c> long poll, a thin layer over the engine's <see cref="ThresholdRegistry"/> and <see cref="EventLog"/>.
/// </summary>
internal static class ThresholdEndpoints
{
    /// <summary><c>maxEvents</c> when the query leaves it out.</summary>
    private const int DefaultMaxEvents = 100;

    /// <summary>The longest a poll may wait; clients use 60 s.</summary>
    private const double MaxTimeoutSeconds = 600;

    public static IEndpointRouteBuilder MapThresholdEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/threshold/json", (SluiceEngine engine) =>
        {
            var all = new JsonObject();
            foreach (var (name, definition) in engine.Thresholds.All())
            {
                all[name] = ToJson(definition);
            }

            return TypedResults.Json(all);
        });

        routes.MapGet("/threshold/{name}/json", IResult (SluiceEngine engine, string name) =>
            engine.Thresholds.TryGet(name) is { } definition ? TypedResults.Json(ToJson(definition)) : TypedResults.NotFound());

        routes.MapPut("/threshold/{name}/json", async Task<IResult> (SluiceEngine engine, DefinitionStore store, string name, HttpRequest request) =>
        {
            try
            {
                using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
                var definition = Parse(body.RootElement);
                engine.Thresholds.Set(name, definition);
                store.Set(DefinitionKind.Thresholds, name, ToJson(definition));
            }
            catch (JsonException e)
            {
                return BadRequest(e.Message);
            }
            catch (FormatException e)
            {
                return BadRequest(e.Message);
            }

            return TypedResults.NoContent();
        });

        routes.MapDelete("/threshold/{name}/json", (SluiceEngine engine, DefinitionStore store, string name) =>
            DefinitionResults.Removed(engine.Thresholds.Remove(name), store, DefinitionKind.Thresholds, name));

        routes.MapGet("/events/json", async Task<IResult> (SluiceEngine engine, HttpRequest request) =>
        {
            var query = request.Query;
            if (!TryNumber(query["eventID"], -1, out var eventId)
                || !TryNumber(query["maxEvents"], DefaultMaxEvents, out var maxEvents)
                || !TryNumber(query["timeout"], 0, out var timeout))
            {
                return BadRequest("eventID, maxEvents and timeout must be numbers");
            }

            var thresholdId = string.IsNullOrEmpty(query["thresholdID"]) ? null : query["thresholdID"].ToString();
            var wait = TimeSpan.FromSeconds(Math.Clamp(timeout, 0, MaxTimeoutSeconds));
            var limit = (int)Math.Clamp(maxEvents, 1, engine.Events.Capacity);
            try
            {
                var events = await engine.Events.WaitAsync((long)eventId, thresholdId, limit, wait, request.HttpContext.RequestAborted).ConfigureAwait(false);
                return TypedResults.Json(events);
            }
            catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                return TypedResults.Empty; // the client went away: nobody to answer
            }
        });

        return routes;
    }

    /// <summary>A definition as sFlow-RT's JSON, every attribute with its effective value.</summary>
    public static JsonObject ToJson(ThresholdDefinition definition)
    {
        var json = new JsonObject
        {
            ["metric"] = definition.Metric,
            ["value"] = definition.Value,
        };
        if (definition.Filter is { Count: > 0 } filter)
        {
            var terms = new JsonObject();
            foreach (var (name, patterns) in filter)
            {
                terms[name] = new JsonArray([.. patterns.Select(p => JsonValue.Create(p))]);
            }

            json["filter"] = terms;
        }

        json["byFlow"] = definition.ByFlow;
        json["timeout"] = definition.Timeout;
        return json;
    }

    /// <summary>Reads a §5 threshold. Filter values may be a list or one value, strings or numbers.</summary>
    /// <exception cref="FormatException">A field is missing or has the wrong JSON type.</exception>
    public static ThresholdDefinition Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("threshold: a JSON object is expected");
        }

        string? metric = null;
        double? value = null;
        IReadOnlyDictionary<string, IReadOnlyList<string>>? filter = null;
        var byFlow = false;
        var timeout = ThresholdDefinition.DefaultTimeout;
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "metric":
                    metric = JsonFields.Text(property.Name, property.Value);
                    break;
                case "value":
                    value = JsonFields.Number(property.Name, property.Value);
                    break;
                case "filter":
                    filter = Filter(property.Value);
                    break;
                case "byFlow":
                    byFlow = JsonFields.Flag(property.Name, property.Value);
                    break;
                case "timeout":
                    timeout = JsonFields.Number(property.Name, property.Value);
                    break;
            }
        }

        return new ThresholdDefinition
        {
            Metric = metric ?? throw new FormatException("metric: required"),
            Value = value ?? throw new FormatException("value: required"),
            Filter = filter,
            ByFlow = byFlow,
            Timeout = timeout,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>>? Filter(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("filter: an object of attribute lists is expected, e.g. {\"ifspeed\":[\"10000000000\"]}");
        }

        var filter = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var term in json.EnumerateObject())
        {
            var name = "filter." + term.Name;
            filter[term.Name] = term.Value.ValueKind == JsonValueKind.Array
                ? [.. term.Value.EnumerateArray().Select(item => JsonFields.Pattern(name, item))]
                : [JsonFields.Pattern(name, term.Value)];
        }

        return filter;
    }

    private static bool TryNumber(string? text, double fallback, out double number)
    {
        if (string.IsNullOrEmpty(text))
        {
            number = fallback;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    /// <summary>400 with the reason as plain text.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult BadRequest(string message) =>
        TypedResults.Text(message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
}
