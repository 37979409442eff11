using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Sluice.Web;

/// <summary>
/// The web UI (status, agents, metrics, flows, apps, API) at <c>/html/</c> with <c>/</c> redirecting there, as sFlow-RT
/// does (sflow-rt-api.md §9), the OpenAPI document of the REST API at <c>/api-docs</c> and the Scalar explorer at
/// <c>/api/</c> (§1.1). Everything is served from this process: the pages use no CDN and no fonts from the internet.
/// </summary>
internal static class WebUi
{
    /// <summary>Where the UI's files are, relative to the executable (the build copies Web/ui and uPlot there).</summary>
    private const string Root = "wwwroot";

    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Sluice REST API";
                document.Info.Version = SluiceVersion.Text;
                document.Info.Description = "sFlow-RT compatible REST API of the Sluice sFlow analytics engine. "
                    + "The last path segment is the output format (json, txt).";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<ApiCatalogTransformer>();
            // The web JSON defaults also read numbers from strings, which the schemas then offer as "integer or string"
            // with a pattern; the engine writes plain numbers, so say that.
            options.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapWebUi(this WebApplication app, WebUiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        app.MapOpenApi("/api-docs");
        if (!settings.Enabled)
        {
            return app;
        }

        var root = Path.Combine(AppContext.BaseDirectory, Root);
        if (Directory.Exists(root))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(root),
                RequestPath = "/html",
                // The pages are small and change with each release: always revalidate rather than serve a stale module.
                OnPrepareResponse = static file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
        }

        app.MapGet("/", () => TypedResults.Redirect(settings.Redirect)).ExcludeFromDescription();
        app.MapGet("/html", () => TypedResults.Redirect("/html/index.html")).ExcludeFromDescription();
        app.MapGet("/html/", () => TypedResults.Redirect("/html/index.html")).ExcludeFromDescription();
        app.MapScalarApiReference("/api", options => options
            .WithTitle("Sluice REST API Explorer")
            .WithOpenApiRoutePattern("/api-docs")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent());
        return app;
    }
}
