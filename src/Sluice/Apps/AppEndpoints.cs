using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Sluice.Scripting.Hosting;

namespace Sluice.Apps;

/// <summary>
/// sFlow-RT's application endpoints (sflow-rt-api.md §1.10): <c>/apps/json</c>, <c>/scripts/json</c>,
/// <c>/app/NAME/status</c>, the app's static files at <c>/app/NAME/html/</c>, and
/// <c>/app/NAME/scripts/FILE.js/.../FORMAT</c> handed to that script's <c>setHttpHandler</c>.
/// </summary>
internal static class AppEndpoints
{
    /// <summary>The largest request body a script handler is given.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How long a request waits for a busy script before 503.</summary>
    private static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(60);

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/apps/json", (AppHost apps) =>
        {
            var result = new SortedDictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
            foreach (var app in apps.Apps)
            {
                var entry = new Dictionary<string, object>(StringComparer.Ordinal);
                if (app.HtmlDirectory is not null)
                {
                    entry["entry"] = "/html/";
                }

                entry["scripts"] = app.Scripts;
                result[app.Name] = entry;
            }

            return TypedResults.Json(result);
        });

        routes.MapGet("/scripts/json", (AppHost apps) =>
            TypedResults.Json(new SortedDictionary<string, ScriptStatus>(
                apps.Scripts.ToDictionary(s => s.Key, s => s.Value.Status()), StringComparer.Ordinal)));

        routes.MapGet("/app/{name}/status", IResult (AppHost apps, string name) =>
            apps.FindApp(name) is not { } app ? TypedResults.NotFound()
            : apps.IsHealthy(app) ? TypedResults.Text("OK", "text/plain")
            : TypedResults.Text("UNAVAILABLE", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable));

        routes.MapGet("/app/{name}/html/{**path}", IResult (HttpContext context, AppHost apps, string name, string? path) =>
        {
            if (apps.FindApp(name)?.HtmlDirectory is not { } root)
            {
                return TypedResults.NotFound();
            }

            if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            {
                // The pages use relative links: /app/NAME/html must become /app/NAME/html/.
                return TypedResults.Redirect($"/app/{name}/html/");
            }

            var rootPath = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
            var file = Path.GetFullPath(Path.Combine(rootPath, string.IsNullOrEmpty(path) ? "index.html" : path));
            if (Directory.Exists(file))
            {
                file = Path.Combine(file, "index.html");
            }

            // Only files inside the app's html directory: ../ cannot climb out.
            if (!file.StartsWith(rootPath, StringComparison.Ordinal) || !File.Exists(file))
            {
                return TypedResults.NotFound();
            }

            return TypedResults.PhysicalFile(file, ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream");
        });

        routes.Map("/app/{name}/scripts/{file}/{**rest}", (HttpContext context, AppHost apps, string name, string file, string? rest) =>
            DispatchAsync(context, apps, name, file, rest));

        return routes;
    }

    /// <summary>Hands a request to the script <paramref name="file"/> of app <paramref name="name"/>; 404 when there is no such script.</summary>
    public static async Task<IResult> DispatchAsync(HttpContext context, AppHost apps, string name, string file, string? rest)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(apps);
        if (apps.FindScript(name, file) is not { } script)
        {
            return TypedResults.NotFound();
        }

        var request = context.Request;
        string? body = null;
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var (path, format) = ScriptHttpRequest.SplitPath(rest);
        var call = new ScriptHttpRequest
        {
            Method = request.Method,
            Path = path,
            Format = format,
            Query = request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value.Select(v => v ?? string.Empty)], StringComparer.Ordinal),
            Body = body,
        };

        ScriptHttpResponse response;
        try
        {
            response = await script.HandleAsync(call).WaitAsync(HandlerTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            response = ScriptHttpResponse.Error(StatusCodes.Status503ServiceUnavailable, "service_unavailable: the script did not answer in time");
        }

        return response.Body is null
            ? TypedResults.StatusCode(response.Status)
            : TypedResults.Text(response.Body, response.ContentType, Encoding.UTF8, response.Status);
    }
}
