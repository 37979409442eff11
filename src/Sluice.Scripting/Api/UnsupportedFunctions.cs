using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The BGP functions (sflow-rt-api.md §8) that need a routing table learned from routers, which the BGP speaker does
/// not keep (it checks and drops what routers send): present, so scripts that test for them find them, but each throws
/// "not supported yet".
/// </summary>
internal static class UnsupportedFunctions
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "bgpAddSource", "bgpRemoveSource", "bgpTopPrefixes", "bgpTopPrefixes6", "bgpSetNextHops",
    ];

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        foreach (var name in Names)
        {
            api.Add(name, _ => throw NotSupported.Error(script.Engine, name));
        }
    }
}
