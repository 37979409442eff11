namespace Sluice.Scripting.Hosting;

/// <summary>What a script's HTTP handler answered: a status, and a body with its content type (none for 204).</summary>
public sealed record ScriptHttpResponse(int Status, string? ContentType, string? Body)
{
    public const string Json = "application/json";

    public const string Text = "text/plain";

    public static ScriptHttpResponse NoContent { get; } = new(204, null, null);

    public static ScriptHttpResponse Error(int status, string message) => new(status, Text, message);
}
