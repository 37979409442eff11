using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine.Persistence;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's groups and maps (sflow-rt-api.md §1.5): <c>/group/{name}/json</c> sets of labelled CIDRs for the
/// <c>group:</c> key function (longest prefix wins), <c>/map/{name}/json</c> labelled values for <c>map:</c>.
/// Both are <c>{"label":["item",...],...}</c>; GET returns what was PUT.
/// </summary>
internal static class GroupEndpoints
{
    public static IEndpointRouteBuilder MapGroupEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/group/json", (GroupDefinitions stored) => TypedResults.Json(stored.Groups));
        routes.MapGet("/group/{name}/json", IResult (GroupDefinitions stored, string name) =>
            stored.Groups.TryGetValue(name, out var set) ? TypedResults.Json(set) : TypedResults.NotFound());
        routes.MapPut("/group/{name}/json", async Task<IResult> (GroupDefinitions stored, DefinitionStore store, string name, HttpRequest request) =>
        {
            var body = await ReadAsync(request).ConfigureAwait(false);
            if (body is null)
            {
                return TypedResults.BadRequest("expected {\"label\":[\"cidr\",...],...}");
            }

            try
            {
                stored.SetGroups(name, body);
            }
            catch (FormatException e)
            {
                return TypedResults.BadRequest(e.Message);
            }

            store.Set(DefinitionKind.Groups, name, JsonSerializer.SerializeToNode(body)!);
            return TypedResults.NoContent();
        });
        routes.MapDelete("/group/{name}/json", IResult (GroupDefinitions stored, DefinitionStore store, string name) =>
            DefinitionResults.Removed(stored.RemoveGroups(name), store, DefinitionKind.Groups, name));

        routes.MapGet("/map/json", (GroupDefinitions stored) => TypedResults.Json(stored.Maps));
        routes.MapGet("/map/{name}/json", IResult (GroupDefinitions stored, string name) =>
            stored.Maps.TryGetValue(name, out var map) ? TypedResults.Json(map) : TypedResults.NotFound());
        routes.MapPut("/map/{name}/json", async Task<IResult> (GroupDefinitions stored, DefinitionStore store, string name, HttpRequest request) =>
        {
            var body = await ReadAsync(request).ConfigureAwait(false);
            if (body is null)
            {
                return TypedResults.BadRequest("expected {\"label\":[\"value\",...],...}");
            }

            stored.SetMap(name, body);
            store.Set(DefinitionKind.Maps, name, JsonSerializer.SerializeToNode(body)!);
            return TypedResults.NoContent();
        });
        routes.MapDelete("/map/{name}/json", IResult (GroupDefinitions stored, DefinitionStore store, string name) =>
            DefinitionResults.Removed(stored.RemoveMap(name), store, DefinitionKind.Maps, name));
        return routes;
    }

    private static async Task<Dictionary<string, string[]>?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<Dictionary<string, string[]>>(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
