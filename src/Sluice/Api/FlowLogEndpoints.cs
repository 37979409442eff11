using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Flows.Logging;

namespace Sluice.Api;

/// <summary>
/// <c>GET /flows/json</c> (sflow-rt-api.md §1.3): logged flows, newest first, long-polled. <c>flowID=-1</c> (or none)
/// gives the latest <c>maxFlows</c>; another ID gives only newer records, and when there are none the request is held
/// up to <c>timeout</c> seconds for one, then answers <c>[]</c>. <c>name</c> limits the records to definitions
/// (a comma list).
/// </summary>
internal static class FlowLogEndpoints
{
    /// <summary><c>maxFlows</c> when the query leaves it out.</summary>
    private const int DefaultMaxFlows = 100;

    /// <summary>The longest hold, in seconds, whatever <c>timeout</c> asks (clients use 60).</summary>
    private const double MaxTimeoutSeconds = 600;

    public static IEndpointRouteBuilder MapFlowLogEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flows/json", async Task<IResult> (SluiceEngine engine, HttpRequest request) =>
        {
            var query = request.Query;
            if (!TryNumber(query["flowID"], -1, out var flowId) || !TryNumber(query["maxFlows"], DefaultMaxFlows, out var maxFlows)
                || !TryNumber(query["timeout"], 0, out var timeout))
            {
                return TypedResults.Text("flowID, maxFlows and timeout must be numbers", "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            var names = query["name"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var log = engine.FlowLogging.Log;
            var max = (int)Math.Clamp(maxFlows, 0, log.Capacity);
            var hold = TimeSpan.FromSeconds(Math.Clamp(timeout, 0, MaxTimeoutSeconds));
            IReadOnlyList<FlowRecord> records;
            try
            {
                records = await log.WaitAsync((long)flowId, max, names, hold, request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client went away; nobody reads this answer.
                return TypedResults.Empty;
            }

            return TypedResults.Bytes(Serialize(records), "application/json");
        });

        return routes;
    }

    /// <summary>Records as sFlow-RT writes them: <c>flowID, name, flowKeys, value, start, end, agent, dataSource</c> (+ <c>values</c>).</summary>
    public static byte[] Serialize(IReadOnlyList<FlowRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var record in records)
            {
                json.WriteStartObject();
                json.WriteNumber("flowID", record.FlowId);
                json.WriteString("name", record.Name);
                json.WriteString("flowKeys", record.FlowKeys);
                json.WriteNumber("value", record.Value);
                if (record.Values is { } values)
                {
                    json.WriteStartArray("values");
                    foreach (var value in values)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }

                json.WriteNumber("start", record.Start);
                json.WriteNumber("end", record.End);
                json.WriteString("agent", record.Agent);
                json.WriteString("dataSource", record.DataSource);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static bool TryNumber(string? text, double fallback, out double value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
