using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sluice.Web;

/// <summary>
/// Fills each operation of the OpenAPI document from <see cref="ApiCatalog"/>: tag, summary, the query parameters the
/// handlers read from the query string themselves, the response schema and example bodies. The handlers parse their
/// own bodies (sFlow-RT accepts loose JSON), so routing alone cannot describe them.
/// </summary>
internal sealed class ApiCatalogTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var path = "/" + (description.RelativePath ?? string.Empty).Replace("{**", "{", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal);
        var method = description.HttpMethod ?? "GET";
        if (ApiCatalog.Find(method, path) is not { } entry)
        {
            operation.Summary ??= $"{method} {path}";
            return;
        }

        operation.Summary = entry.Summary;
        operation.Tags = new HashSet<OpenApiTagReference> { new(entry.Tag, context.Document) };
        foreach (var (name, text) in entry.Query ?? [])
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = text,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (entry.RequestExample is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object }, Example = JsonNode.Parse(request) },
                },
            };
        }

        if (entry.Response is null && entry.ResponseExample is null)
        {
            return;
        }

        var media = new OpenApiMediaType
        {
            Schema = entry.Response is { } type ? await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken).ConfigureAwait(false) : null,
            Example = entry.ResponseExample is { } example ? JsonNode.Parse(example) : null,
        };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "OK",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = media },
        };
    }
}
