using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;

namespace Sluice.Api;

/// <summary><c>/agents/{agent}/datasources/json</c>: the data sources of the agents an <c>{agent}</c> segment names.</summary>
internal static class DataSourceEndpoints
{
    public static IEndpointRouteBuilder MapDataSourceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/agents/{agent}/datasources/json", IResult (SluiceEngine engine, string agent) =>
        {
            var selection = engine.Select(agent);
            if (selection.Agents.Count == 0)
            {
                return TypedResults.NotFound();
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var result = new List<DataSourceStatistics>();
            foreach (var state in selection.Agents)
            {
                foreach (var source in state.DataSources)
                {
                    result.Add(DataSourceStatistics.From(state, source, now));
                }
            }

            result.Sort(static (a, b) => string.CompareOrdinal(a.Agent, b.Agent) is var byAgent and not 0 ? byAgent : Natural(a.DataSource, b.DataSource));
            return TypedResults.Json(result);
        });

        return routes;
    }

    /// <summary>Interfaces in ifIndex order (2 before 10), then <c>class.index</c> names.</summary>
    private static int Natural(string a, string b) =>
        a.Length != b.Length && !a.Contains('.', StringComparison.Ordinal) && !b.Contains('.', StringComparison.Ordinal)
            ? a.Length.CompareTo(b.Length)
            : string.CompareOrdinal(a, b);
}
