using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sluice.Engine;
using Sluice.Engine.Topology;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's topology (sflow-rt-api.md §1.7): <c>PUT /topology/json</c> installs nodes, ports and links (204, or 400
/// naming the bad field), <c>GET /topology/json</c> returns the installed JSON (<c>{}</c> when there is none).
/// </summary>
internal static partial class TopologyEndpoints
{
    public static IEndpointRouteBuilder MapTopologyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/topology/json", (SluiceEngine engine) =>
            TypedResults.Text(engine.Topology.Current.Definition.Json, "application/json"));

        // The body is read as text whatever its content type: the Mininet helper posts with none.
        routes.MapPut("/topology/json", async Task<IResult> (SluiceEngine engine, ILoggerFactory logging, HttpRequest request) =>
        {
            try
            {
                engine.Topology.Set(await RequestBody.ReadTextAsync(request).ConfigureAwait(false));
            }
            catch (Exception e) when (e is TopologyFormatException or FormatException)
            {
                return TypedResults.Text(e.Message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            if (engine.Topology.PersistError is { } error)
            {
                LogNotStored(logging.CreateLogger("Sluice.Topology"), error);
            }

            return TypedResults.NoContent();
        });

        return routes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Topology installed but not stored: {Error}")]
    private static partial void LogNotStored(ILogger logger, string error);
}
