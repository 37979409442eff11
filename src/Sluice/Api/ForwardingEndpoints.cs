using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Persistence;

namespace Sluice.Api;

/// <summary>
/// sFlow-RT's forwarding endpoints (sflow-rt-api.md §1.6): <c>/forwarding/{name}/json</c> re-sends every datagram
/// unchanged; <c>/tenant/{name}/json</c> sends a tenant only its samples. A bad body answers 400 and a target outside
/// <c>forwarding.allow</c> 403, each with the reason as text.
/// </summary>
internal static class ForwardingEndpoints
{
    public static IEndpointRouteBuilder MapForwardingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/forwarding/json", (SluiceEngine engine) =>
        {
            var all = new JsonObject();
            foreach (var session in engine.Forwarding.All)
            {
                all[session.Name] = ForwardingJson.ToJson(session);
            }

            return TypedResults.Json(all);
        });
        routes.MapGet("/forwarding/{name}/json", IResult (SluiceEngine engine, string name) =>
            engine.Forwarding.Get(name) is { } session ? TypedResults.Json(ForwardingJson.ToJson(session)) : TypedResults.NotFound());
        routes.MapPut("/forwarding/{name}/json", (SluiceEngine engine, DefinitionStore store, string name, HttpRequest request) =>
            SetAsync(request, ForwardingJson.ParseSession, spec =>
            {
                engine.Forwarding.Set(name, spec);
                store.Set(DefinitionKind.Forwarding, name, ForwardingJson.ToJson(spec));
            }));
        routes.MapDelete("/forwarding/{name}/json", IResult (SluiceEngine engine, DefinitionStore store, string name) =>
            DefinitionResults.Removed(engine.Forwarding.Remove(name), store, DefinitionKind.Forwarding, name));

        // sFlow-RT lists tenants as their names with the number of samples each has been sent.
        routes.MapGet("/tenant/json", (SluiceEngine engine) =>
        {
            var all = new JsonObject();
            foreach (var tenant in engine.Tenants.All)
            {
                all[tenant.Name] = tenant.Statistics.Samples;
            }

            return TypedResults.Json(all);
        });
        routes.MapGet("/tenant/{name}/json", IResult (SluiceEngine engine, string name) =>
            engine.Tenants.Get(name) is { } tenant ? TypedResults.Json(ForwardingJson.ToJson(tenant)) : TypedResults.NotFound());
        routes.MapPut("/tenant/{name}/json", (SluiceEngine engine, DefinitionStore store, string name, HttpRequest request) =>
            SetAsync(request, ForwardingJson.ParseTenant, spec =>
            {
                engine.Tenants.Set(name, spec);
                store.Set(DefinitionKind.Tenants, name, ForwardingJson.ToJson(spec));
            }));
        routes.MapDelete("/tenant/{name}/json", IResult (SluiceEngine engine, DefinitionStore store, string name) =>
            DefinitionResults.Removed(engine.Tenants.Remove(name), store, DefinitionKind.Tenants, name));
        return routes;
    }

    private static async Task<IResult> SetAsync<TSpec>(HttpRequest request, Func<JsonElement, TSpec> parse, Action<TSpec> set)
    {
        try
        {
            using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
            set(parse(body.RootElement));
        }
        catch (JsonException e)
        {
            return Text(e.Message, StatusCodes.Status400BadRequest);
        }
        catch (FormatException e)
        {
            return Text(e.Message, StatusCodes.Status400BadRequest);
        }
        catch (ForwardingDeniedException e)
        {
            return Text(e.Message, StatusCodes.Status403Forbidden);
        }

        return TypedResults.NoContent();
    }

    private static ContentHttpResult Text(string message, int status) => TypedResults.Text(message, "text/plain", statusCode: status);
}
