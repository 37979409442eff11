using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Engine.Metrics;

namespace Sluice.Api;

/// <summary>sFlow-RT's metric endpoints (sflow-rt-api.md §1.2): <c>/metrics</c>, <c>/metric</c>, <c>/table</c>, <c>/dump</c>.</summary>
internal static class MetricEndpoints
{
    public static IEndpointRouteBuilder MapMetricEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics/json", (SluiceEngine engine) =>
            TypedResults.Json(MetricQuery.LastSeen(SluiceEngine.MetricsOf(engine.Agents), Now(), engine.FlowMetrics.View(null))));

        routes.MapGet("/metric/{agent}/json", IResult (SluiceEngine engine, string agent) =>
        {
            var selection = engine.Select(agent);
            return selection.Agents.Count == 0
                ? TypedResults.NotFound()
                : TypedResults.Json(MetricQuery.AgentValues(selection.Metrics, engine.FlowMetrics.For(selection), Now()));
        });

        routes.MapGet("/metric/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
            TypedResults.Json(Statistics(engine, agent, metric, Filter(request))));

        routes.MapGet("/table/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
        {
            var (sources, flows) = Select(engine, agent);
            return TypedResults.Json(MetricQuery.Table(sources, Names(metric), Filter(request), Now(), flows));
        });

        routes.MapGet("/dump/{agent}/{metric}/json", (SluiceEngine engine, string agent, string metric, HttpRequest request) =>
        {
            var (sources, flows) = Select(engine, agent);
            return TypedResults.Json(MetricQuery.Dump(sources, Names(metric), Filter(request), Now(), flows));
        });

        return routes;
    }

    /// <summary>sFlow-RT's <c>metric(agent, metrics, filter)</c>: counter and flow metrics alike.</summary>
    public static IReadOnlyList<MetricStatistic> Statistics(SluiceEngine engine, string agent, string metric, MetricFilter filter)
    {
        var (sources, flows) = Select(engine, agent);
        return MetricQuery.Statistics(sources, Names(metric), filter, Now(), flows);
    }

    /// <summary>
    /// The counter stores and the flow tables of the data sources an <c>{agent}</c> segment names: addresses, <c>ALL</c>,
    /// and the topology's <c>TOPOLOGY</c>, <c>EDGE</c> and <c>CORE</c> (see <see cref="SluiceEngine.Select"/>).
    /// </summary>
    public static (IEnumerable<DataSourceMetrics> Sources, FlowMetricView Flows) Select(SluiceEngine engine, string agent)
    {
        if (agent.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            return (SluiceEngine.MetricsOf(engine.Agents), engine.FlowMetrics.View(null));
        }

        var selection = engine.Select(agent);
        return (selection.Metrics, engine.FlowMetrics.For(selection));
    }

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
