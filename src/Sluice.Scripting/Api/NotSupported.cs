using Jint;
using Jint.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>The error a function throws while the server has not bound the service behind it: loud, never a silent no-op.</summary>
internal static class NotSupported
{
    public static JavaScriptException Error(JsEngine engine, string function) =>
        Args.Fail(engine, $"{function} is not supported yet by this Sluice build");

    public static T Require<T>(JsEngine engine, T? service, string function)
        where T : class => service ?? throw Error(engine, function);
}
