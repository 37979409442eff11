using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace Sluice.Scripting.Api;

/// <summary>Where the API functions go: the global object, or the <c>// wrapglobals: ns</c> namespace object.</summary>
internal sealed class ApiTarget
{
    private readonly JsEngine _engine;
    private readonly ObjectInstance _target;

    public ApiTarget(JsEngine engine, ObjectInstance target)
    {
        _engine = engine;
        _target = target;
    }

    public void Add(string name, Func<JsValue[], JsValue> function) =>
        _target.FastSetDataProperty(name, new ClrFunction(_engine, name, (_, arguments) => function(arguments)));

    /// <summary>A function that does nothing but return a value (no result: undefined).</summary>
    public void Add(string name, Action<JsValue[]> function) =>
        Add(name, arguments =>
        {
            function(arguments);
            return JsValue.Undefined;
        });
}
