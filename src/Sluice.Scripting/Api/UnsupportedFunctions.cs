using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The BGP functions (sflow-rt-api.md §8) Sluice does not implement yet (<c>bgpSetNextHops</c>: next-hop to MAC
/// hints): present, so scripts that test for them find them, but each throws "not supported yet".
/// </summary>
internal static class UnsupportedFunctions
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "bgpSetNextHops",
    ];

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        foreach (var name in Names)
        {
            api.Add(name, _ => throw NotSupported.Error(script.Engine, name));
        }
    }
}
