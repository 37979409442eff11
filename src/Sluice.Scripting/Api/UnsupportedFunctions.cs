using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The BGP functions (sflow-rt-api.md §8): present, so scripts that test for them find them, but each throws
/// "not supported yet" until BGP exists.
/// </summary>
internal static class UnsupportedFunctions
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "bgpAddNeighbor", "bgpRemoveNeighbor", "bgpAddSource", "bgpRemoveSource", "bgpAddRoute", "bgpRemoveRoute",
        "bgpRouteCount", "bgpAddFlow", "bgpRemoveFlow", "bgpFlowCount", "bgpTopPrefixes", "bgpTopPrefixes6", "bgpSetNextHops",
    ];

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        foreach (var name in Names)
        {
            api.Add(name, _ => throw NotSupported.Error(script.Engine, name));
        }
    }
}
