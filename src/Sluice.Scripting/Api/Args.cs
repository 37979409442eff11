using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>Reading the arguments of an API call the forgiving way sFlow-RT's Java bindings do, with clear errors otherwise.</summary>
internal static class Args
{
    public static JsValue At(JsValue[] arguments, int index) => index < arguments.Length ? arguments[index] : JsValue.Undefined;

    public static bool IsMissing(JsValue[] arguments, int index) => At(arguments, index) is var v && (v.IsUndefined() || v.IsNull());

    /// <exception cref="JavaScriptException">The argument is missing.</exception>
    public static string Text(JsEngine engine, JsValue[] arguments, int index, string function)
    {
        var value = At(arguments, index);
        if (value.IsUndefined() || value.IsNull())
        {
            throw Fail(engine, $"{function}: argument {index + 1} is required");
        }

        return ToText(value);
    }

    public static string? OptionalText(JsValue[] arguments, int index)
    {
        var value = At(arguments, index);
        return value.IsUndefined() || value.IsNull() ? null : ToText(value);
    }

    public static double Number(JsValue[] arguments, int index, double fallback)
    {
        var value = At(arguments, index);
        if (value.IsNumber())
        {
            return value.AsNumber();
        }

        return value.IsString() && double.TryParse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
    }

    /// <summary>A string list: an array, or one string split at <paramref name="separators"/>; null when absent.</summary>
    public static List<string>? List(JsValue[] arguments, int index, params char[] separators)
    {
        var value = At(arguments, index);
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        if (value.IsArray())
        {
            var array = value.AsArray();
            var items = new List<string>((int)array.Length);
            for (uint i = 0; i < array.Length; i++)
            {
                items.Add(ToText(array[i]));
            }

            return items;
        }

        return [.. ToText(value).Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>The function argument at <paramref name="index"/>.</summary>
    /// <exception cref="JavaScriptException">It is not a function.</exception>
    public static JsValue Function(JsEngine engine, JsValue[] arguments, int index, string function)
    {
        var value = At(arguments, index);
        return value.IsCallable() ? value : throw Fail(engine, $"{function}: argument {index + 1} must be a function");
    }

    /// <summary>A script-visible error (scripts can catch it; uncaught, it names the script's file and line).</summary>
    public static JavaScriptException Fail(JsEngine engine, string message) => new(engine.Intrinsics.Error, message);

    public static string ToText(JsValue value) => value.IsString() ? value.AsString() : value.IsNumber()
        ? value.AsNumber().ToString("R", CultureInfo.InvariantCulture)
        : value.ToString();
}
