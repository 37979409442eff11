using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Metrics;

namespace Sluice.Api;

/// <summary>sFlow-RT's metric endpoints (sflow-rt-api.md §1.2): <c>/metrics</c>, <c>/metric</c>, <c>/table</c>, <c>/dump</c>.</summary>
internal static class MetricEndpoints
{
    public static IEndpointRouteBuilder MapMetricEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics/json", (SluiceEngine engine) =>
            TypedResults.Json(MetricQuery.LastSeen(SluiceEngine.MetricsOf(engine.Agents), Now())));

        routes.MapGet("/metric/{agent}/json", IResult (SluiceEngine engine, string agent) =>
        {
            var agents = engine.SelectAgents(agent).ToList();
            return agents.Count == 0
                ? TypedResults.NotFound()
                : TypedResults.Json(MetricQuery.AgentValues(SluiceEngine.MetricsOf(agents)));
        });

        routes.MapGet("/metric/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
            TypedResults.Json(MetricQuery.Statistics(Sources(engine, agent), Names(metric), Filter(request), Now())));

        routes.MapGet("/table/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
            TypedResults.Json(MetricQuery.Table(Sources(engine, agent), Names(metric), Filter(request), Now())));

        routes.MapGet("/dump/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
            TypedResults.Json(MetricQuery.Dump(Sources(engine, agent), Names(metric), Filter(request), Now())));

        return routes;
    }

    public static IEnumerable<DataSourceMetrics> Sources(SluiceEngine engine, string agent) =>
        SluiceEngine.MetricsOf(engine.SelectAgents(agent));

    /// <summary>The comma-separated metric list of a path segment.</summary>
    public static string[] Names(string metric) =>
        metric.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every query parameter is a filter term (<c>?os_name=linux&amp;os_name=windows</c>).</summary>
    public static MetricFilter Filter(HttpRequest request)
    {
        if (request.Query.Count == 0)
        {
            return MetricFilter.Empty;
        }

        return new MetricFilter(request.Query.Select(q =>
            new KeyValuePair<string, IEnumerable<string>>(q.Key, q.Value.Where(v => v is not null).Select(v => v!))));
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
