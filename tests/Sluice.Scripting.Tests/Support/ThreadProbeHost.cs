using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>
/// An <see cref="IScriptHost"/> that records the thread each <c>getSystemProperty</c> call runs on, so a test can see
/// which thread ran a callback; everything else goes to <paramref name="inner"/>.
/// </summary>
internal sealed class ThreadProbeHost(IScriptHost inner) : IScriptHost
{
    /// <summary>(property asked for, name of the thread that asked), in call order.</summary>
    public ConcurrentQueue<(string Property, string? Thread)> Calls { get; } = new();

    public string Version => inner.Version;

    public string? GetProperty(string name)
    {
        Calls.Enqueue((name, Thread.CurrentThread.Name));
        return inner.GetProperty(name);
    }

    public IReadOnlyList<string> PropertyNames() => inner.PropertyNames();

    public object Analyzer() => inner.Analyzer();

    public object Agents(IReadOnlyCollection<string>? agents) => inner.Agents(agents);

    public void SetFlow(string name, JsonElement definition) => inner.SetFlow(name, definition);

    public bool SetGroups(string name, IReadOnlyDictionary<string, string[]> groups) => inner.SetGroups(name, groups);

    public void SetMap(string name, IReadOnlyDictionary<string, string[]> map) => inner.SetMap(name, map);
}
