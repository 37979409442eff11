using Jint;
using Jint.Native;
using Jint.Native.Object;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// Flows, groups, maps and thresholds (sflow-rt-api.md §6.3): <c>setFlow</c>, <c>clearFlow</c>, <c>activeFlows</c>,
/// <c>setGroups</c>, <c>setMap</c> over the engine, as the REST endpoints do; <c>flowKeys</c>, <c>flowValue</c>,
/// <c>setThreshold</c>, <c>clearThreshold</c>, <c>thresholdTriggered</c> through their services.
/// </summary>
internal static class FlowFunctions
{
    /// <summary><c>maxFlows</c> when left out, as <c>/activeflows</c>.</summary>
    private const int DefaultMaxFlows = 100;

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var services = script.Services;
        api.Add("setFlow", a => Define(engine, a, "setFlow", services.Host.SetFlow));
        api.Add("clearFlow", a => services.Engine.Flows.Remove(Args.Text(engine, a, 0, "clearFlow")));
        api.Add("activeFlows", a =>
        {
            var agents = string.Join(';', Args.List(a, 0, ';', ',') ?? ["ALL"]);
            var name = Args.Text(engine, a, 1, "activeFlows");
            var flows = services.Engine.ActiveFlows(agents, name, (int)Args.Number(a, 2, DefaultMaxFlows), Args.Number(a, 3, 0), Args.OptionalText(a, 4));
            return JsonBridge.ToJs(engine, flows);
        });
        api.Add("setGroups", a => services.Host.SetGroups(Args.Text(engine, a, 0, "setGroups"), Labelled(Args.At(a, 1))));
        api.Add("setMap", a => services.Host.SetMap(Args.Text(engine, a, 0, "setMap"), Labelled(Args.At(a, 1))));
        api.Add("flowKeys", _ => JsonBridge.ToJs(engine, NotSupported.Require(engine, services.FlowValues, "flowKeys").FlowKeys()));
        api.Add("flowValue", a =>
        {
            var values = NotSupported.Require(engine, services.FlowValues, "flowValue");
            var value = values.FlowValue(Args.Text(engine, a, 0, "flowValue"), Args.Text(engine, a, 1, "flowValue"), Args.Text(engine, a, 2, "flowValue"));
            return value is { } number ? number : JsValue.Null;
        });
        api.Add("setThreshold", a => Define(engine, a, "setThreshold", NotSupported.Require(engine, services.Thresholds, "setThreshold").SetThreshold));
        api.Add("clearThreshold", a => NotSupported.Require(engine, services.Thresholds, "clearThreshold").RemoveThreshold(Args.Text(engine, a, 0, "clearThreshold")));
        api.Add("thresholdTriggered", a => NotSupported.Require(engine, services.Thresholds, "thresholdTriggered").IsTriggered(
            Args.Text(engine, a, 0, "thresholdTriggered"), Args.Text(engine, a, 1, "thresholdTriggered"), Args.Text(engine, a, 2, "thresholdTriggered"), Args.OptionalText(a, 3)));
    }

    /// <summary>
    /// <c>function(name, {definition})</c>: hands the name and the definition as JSON to <paramref name="set"/>, whose
    /// <see cref="FormatException"/> becomes an error the script can catch.
    /// </summary>
    internal static void Define(JsEngine engine, JsValue[] a, string function, Action<string, System.Text.Json.JsonElement> set)
    {
        var name = Args.Text(engine, a, 0, function);
        if (Args.At(a, 1) is not ObjectInstance)
        {
            throw Args.Fail(engine, $"{function}: a definition object is expected");
        }

        try
        {
            set(name, JsonBridge.ToElement(engine, a[1])!.Value);
        }
        catch (FormatException e)
        {
            throw Args.Fail(engine, $"{function} {name}: {e.Message}");
        }
    }

    /// <summary><c>{label:[items]}</c> (a single item may stand alone) as label → items.</summary>
    private static Dictionary<string, string[]> Labelled(JsValue value)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (value is ObjectInstance labels)
        {
            foreach (var key in labels.GetOwnPropertyKeys())
            {
                var items = labels.Get(key);
                result[key.ToString()] = items.IsArray() ? [.. Args.List([items], 0) ?? []] : [Args.ToText(items)];
            }
        }

        return result;
    }
}
