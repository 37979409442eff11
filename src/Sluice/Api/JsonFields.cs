using System.Globalization;
using System.Text.Json;

namespace Sluice.Api;

/// <summary>
/// Reads one field of a JSON request body the forgiving way sFlow-RT clients need (numbers and flags may arrive as
/// strings, since scripts build bodies by hand), throwing <see cref="FormatException"/> that names the field otherwise.
/// </summary>
internal static class JsonFields
{
    public static string? Text(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new FormatException($"{name}: a string is expected"),
    };

    public static double Number(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => throw new FormatException($"{name}: a number is expected"),
    };

    public static bool Flag(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
        _ => throw new FormatException($"{name}: true or false is expected"),
    };

    /// <summary>A string or number as text (numbers in their shortest round-trip form), for filter patterns.</summary>
    public static string Pattern(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => throw new FormatException($"{name}: strings or numbers are expected"),
    };
}
