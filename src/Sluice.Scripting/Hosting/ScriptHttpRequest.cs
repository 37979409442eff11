namespace Sluice.Scripting.Hosting;

/// <summary>
/// A request for a script's <c>setHttpHandler</c> (sflow-rt-api.md §6.2): <c>/app/NAME/scripts/FILE.js/seg1/.../format</c>
/// arrives as <see cref="Path"/> <c>[seg1, ...]</c> and <see cref="Format"/>.
/// </summary>
public sealed record ScriptHttpRequest
{
    public required string Method { get; init; }

    public IReadOnlyList<string> Path { get; init; } = [];

    public string Format { get; init; } = string.Empty;

    /// <summary>Query parameters, each a list (repeats allowed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The request body as text (null when empty).</summary>
    public string? Body { get; init; }

    /// <summary>Splits the part of the URL after <c>FILE.js/</c> into path segments and the format (the last segment).</summary>
    public static (IReadOnlyList<string> Path, string Format) SplitPath(string? rest)
    {
        var segments = (rest ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? ([], string.Empty) : (segments[..^1], segments[^1]);
    }
}
