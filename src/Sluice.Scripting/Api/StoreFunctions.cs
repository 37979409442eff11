using Jint.Native;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// <c>storeGet</c>/<c>storeSet</c> (persistent, per app) and <c>sharedGet</c>/<c>sharedSet</c> (in memory, for every
/// script). A value goes in as JSON, so what comes back is a copy; setting <c>undefined</c> or <c>null</c> removes the key.
/// </summary>
internal static class StoreFunctions
{
    /// <summary>Keys the shared store holds at most: scripts cannot grow it without bound.</summary>
    public const int MaxSharedKeys = 100_000;

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var store = script.Stores.For(script.StoreScope);
        var shared = script.Stores.Shared;
        api.Add("storeGet", a => store.Get(Args.Text(engine, a, 0, "storeGet")) is { } json ? JsonBridge.Parse(engine, json) : JsValue.Null);
        api.Add("storeSet", a =>
        {
            var key = Args.Text(engine, a, 0, "storeSet");
            try
            {
                store.Set(key, JsonBridge.Stringify(engine, Args.At(a, 1)) is { } json && json != "null" ? json : null);
            }
            catch (IOException e)
            {
                throw Args.Fail(engine, "storeSet: " + e.Message);
            }
        });
        api.Add("sharedGet", a => shared.TryGetValue(Args.Text(engine, a, 0, "sharedGet"), out var json) ? JsonBridge.Parse(engine, json) : JsValue.Null);
        api.Add("sharedSet", a =>
        {
            var key = Args.Text(engine, a, 0, "sharedSet");
            if (JsonBridge.Stringify(engine, Args.At(a, 1)) is { } json && json != "null")
            {
                if (shared.Count >= MaxSharedKeys && !shared.ContainsKey(key))
                {
                    throw Args.Fail(engine, $"sharedSet: the shared store is full ({MaxSharedKeys} keys)");
                }

                shared[key] = json;
            }
            else
            {
                shared.TryRemove(key, out _);
            }
        });
    }
}
