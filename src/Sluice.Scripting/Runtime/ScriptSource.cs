namespace Sluice.Scripting.Runtime;

/// <summary>
/// A script file as the runtime runs it: the text after the Nashorn pre-pass, and the metadata of its header
/// comments (<c>// author: ...</c>, <c>// version:</c>, <c>// date:</c>, <c>// description:</c>, <c>// copyright:</c>,
/// <c>// wrapglobals: ns</c>; sflow-rt-api.md §6.1), read from the leading comment lines.
/// </summary>
internal sealed class ScriptSource
{
    private ScriptSource(string path, string text, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Text = text;
        Metadata = metadata;
    }

    public string Path { get; }

    public string Text { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The namespace object the API goes under (<c>// wrapglobals: rt</c>), or null for globals.</summary>
    public string? WrapGlobals =>
        Metadata.TryGetValue("wrapglobals", out var name) && IsIdentifier(name) ? name : null;

    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ScriptSource Load(string path) => Parse(path, File.ReadAllText(path));

    public static ScriptSource Parse(string path, string text)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (!line.StartsWith("//"))
            {
                break;
            }

            var comment = line[2..].Trim();
            var colon = comment.IndexOf(':');
            if (colon > 0 && IsIdentifier(comment[..colon].ToString()))
            {
                metadata[comment[..colon].ToString()] = comment[(colon + 1)..].Trim().ToString();
            }
        }

        return new ScriptSource(path, NashornRewriter.Rewrite(text), metadata);
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] is '_' or '$') && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
