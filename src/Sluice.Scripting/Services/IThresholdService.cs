using System.Text.Json;
using Sluice.Engine.Thresholds;

namespace Sluice.Scripting.Services;

/// <summary>
/// Thresholds and their events for <c>setThreshold</c>, <c>clearThreshold</c>, <c>thresholdTriggered</c> and
/// <c>setEventHandler</c> (sflow-rt-api.md §5). Bound by the server to the engine's threshold registry and event log.
/// </summary>
public interface IThresholdService
{
    /// <summary>Defines or replaces a threshold, as <c>PUT /threshold/{name}/json</c>.</summary>
    /// <exception cref="FormatException">The definition is malformed.</exception>
    void SetThreshold(string name, JsonElement definition);

    bool RemoveThreshold(string name);

    /// <summary>Whether the threshold's condition still holds at the agent's <c>&lt;ds&gt;.&lt;metric&gt;</c> (and flow key).</summary>
    bool IsTriggered(string thresholdId, string agent, string metric, string? flowKey);

    /// <summary>
    /// Calls <paramref name="deliver"/> with each new event of <paramref name="thresholdIds"/> (all when null), from
    /// whichever thread raised it: the receiver must hand it on quickly. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(IReadOnlyCollection<string>? thresholdIds, Action<ThresholdEvent> deliver);
}
