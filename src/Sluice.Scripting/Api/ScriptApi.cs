using Jint.Native;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>Installs sFlow-RT's JavaScript API (sflow-rt-api.md §6.3) into a script's engine, as globals or under its <c>wrapglobals</c> name.</summary>
internal static class ScriptApi
{
    public static void Install(ScriptRuntime script, string? wrapGlobals)
    {
        var engine = script.Engine;
        var target = engine.Global;
        if (wrapGlobals is not null)
        {
            var ns = new JsObject(engine);
            engine.SetValue(wrapGlobals, ns);
            target = ns;
        }

        var api = new ApiTarget(engine, target);
        ServerFunctions.Register(api, script);
        StoreFunctions.Register(api, script);
        NetworkFunctions.Register(api, script);
        HandlerFunctions.Register(api, script);
        MetricFunctions.Register(api, script);
        BaselineFunctions.Register(api, script);
        FlowFunctions.Register(api, script);
        ForwardingFunctions.Register(api, script);
        TopologyFunctions.Register(api, script);
        BgpFunctions.Register(api, script);
        UnsupportedFunctions.Register(api, script);
    }
}
