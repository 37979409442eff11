using Jint;
using Jint.Native.Function;
using Jint.Runtime;

namespace Sluice.Scripting.Runtime;

/// <summary>sFlow-RT's error text for <c>/scripts/json</c>: <c>&lt;file&gt;#&lt;line&gt; &lt;message&gt;</c>.</summary>
internal static class ScriptErrors
{
    public static string Describe(Exception error, string file, JsEngine? engine = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        if (error is JavaScriptException script)
        {
            var location = script.Location;
            return Format(string.IsNullOrEmpty(location.SourceFile) ? file : location.SourceFile, location.Start.Line, message);
        }

        if (JintException.TryGetJavaScriptLocation(error, out var where))
        {
            return Format(string.IsNullOrEmpty(where.SourceFile) ? file : where.SourceFile, where.Start.Line, message);
        }

        if (error is RecursionDepthOverflowException recursion)
        {
            // Jint gives no location for its call-depth limit: point at the function that recursed.
            var (source, line) = FunctionLocation(engine, recursion.CallExpressionReference, file);
            return Format(source, line, $"recursion too deep (call depth limit) in {recursion.CallExpressionReference}");
        }

        return Format(file, 0, message);
    }

    private static (string File, int Line) FunctionLocation(JsEngine? engine, string name, string file)
    {
        try
        {
            if (engine?.GetValue(name) is Function { FunctionDeclaration: { } declaration } && declaration is Acornima.Ast.Node node)
            {
                var location = node.Location;
                return (string.IsNullOrEmpty(location.SourceFile) ? file : location.SourceFile, location.Start.Line);
            }
        }
        catch (JavaScriptException)
        {
            // Not a global function: fall back to the script itself.
        }

        return (file, 0);
    }

    private static string Format(string file, int line, string message) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}#{line} {message}");
}
