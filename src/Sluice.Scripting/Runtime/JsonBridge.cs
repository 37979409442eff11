using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Sluice.Scripting.Runtime;

/// <summary>
/// Values cross between C# and a script as JSON: C# results are serialized with the REST API's options (ASP.NET's web
/// defaults), so a script sees exactly the fields <c>/metric</c>, <c>/activeflows</c> and friends return; script
/// values come back through <c>JSON.stringify</c>, so a value is stored or shared without any engine's objects.
/// </summary>
internal static class JsonBridge
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static JsValue ToJs(JsEngine engine, object? value) =>
        value is null ? JsValue.Null : Parse(engine, System.Text.Json.JsonSerializer.Serialize(value, Options));

    public static JsValue Parse(JsEngine engine, string json) => new JsonParser(engine).Parse(json);

    /// <summary>The JSON text of a script value, or null for <c>undefined</c> and functions.</summary>
    public static string? Stringify(JsEngine engine, JsValue value)
    {
        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return json.IsString() ? json.AsString() : null;
    }

    /// <summary>A script value as a JSON element (null when it has no JSON form).</summary>
    public static JsonElement? ToElement(JsEngine engine, JsValue value)
    {
        var json = Stringify(engine, value);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
