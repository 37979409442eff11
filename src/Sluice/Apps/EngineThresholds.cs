using System.Text.Json;
using Sluice.Api;
using Sluice.Engine;
using Sluice.Engine.Thresholds;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>
/// Scripts' thresholds and events over the engine's threshold registry and event log, with the parser of
/// <c>PUT /threshold/{name}/json</c>, so a script and the REST API define the same thresholds.
/// </summary>
internal sealed class EngineThresholds : IThresholdService
{
    private readonly SluiceEngine _engine;

    public EngineThresholds(SluiceEngine engine)
    {
        _engine = engine;
    }

    public void SetThreshold(string name, JsonElement definition) => _engine.Thresholds.Set(name, ThresholdEndpoints.Parse(definition));

    public bool RemoveThreshold(string name) => _engine.Thresholds.Remove(name);

    public bool IsTriggered(string thresholdId, string agent, string metric, string? flowKey) =>
        _engine.Thresholds.IsTriggered(thresholdId, agent, metric, flowKey);

    public IDisposable Subscribe(IReadOnlyCollection<string>? thresholdIds, Action<ThresholdEvent> deliver) =>
        _engine.Events.Subscribe(deliver, thresholdIds is null || thresholdIds.Count == 0 ? null : thresholdIds);
}
