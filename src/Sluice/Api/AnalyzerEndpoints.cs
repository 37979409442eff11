using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;

namespace Sluice.Api;

/// <summary>The server endpoints of sFlow-RT's REST API (sflow-rt-api.md §1.1).</summary>
internal static class AnalyzerEndpoints
{
    public static IEndpointRouteBuilder MapAnalyzerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/version", () => TypedResults.Text(SluiceVersion.Text, "text/plain"));

        routes.MapGet("/analyzer/json", (SluiceEngine engine, HttpStatistics http) =>
            TypedResults.Json(AnalyzerStatistics.Collect(engine, http)));

        routes.MapGet("/license/json", () =>
            TypedResults.Json(LicenseInfo.Open(Environment.MachineName, 0)));

        // OK while every app script runs or stopped cleanly; UNAVAILABLE (503) once one has failed.
        routes.MapGet("/status", (Scripting.Hosting.AppHost apps) => apps.Healthy
            ? TypedResults.Text("OK", "text/plain")
            : TypedResults.Text("UNAVAILABLE", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable));

        routes.MapGet("/agents/json", (SluiceEngine engine, HttpRequest request) =>
        {
            var wanted = request.Query["agent"];
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var result = new SortedDictionary<string, AgentStatistics>(StringComparer.Ordinal);
            foreach (var agent in engine.Agents)
            {
                if (wanted.Count == 0 || wanted.Contains(agent.Name))
                {
                    result[agent.Name] = AgentStatistics.From(agent, now);
                }
            }

            return TypedResults.Json(result);
        });

        return routes;
    }
}
