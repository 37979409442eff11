namespace Sluice.Web;

/// <summary>
/// What the OpenAPI document says about one REST operation beyond what routing knows: its group, a summary, the
/// query parameters the handler reads itself, the response type (for the schema) and example bodies.
/// </summary>
/// <param name="Tag">Group in the explorer, after sflow-rt-api.md's sections.</param>
/// <param name="Summary">One line, shown in the explorer's list.</param>
/// <param name="Response">The .NET type serialised as the 200 body, when it has one (else the example stands alone).</param>
/// <param name="RequestExample">Example JSON body of a PUT or POST.</param>
/// <param name="ResponseExample">Example JSON of a 200 body.</param>
/// <param name="Query">Query parameters: name and description.</param>
internal sealed record ApiOperation(
    string Tag,
    string Summary,
    Type? Response = null,
    string? RequestExample = null,
    string? ResponseExample = null,
    IReadOnlyList<KeyValuePair<string, string>>? Query = null);
