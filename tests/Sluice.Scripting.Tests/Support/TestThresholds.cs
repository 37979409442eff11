using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Engine.Thresholds;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>An in-test threshold registry and event log: keeps what scripts define, answers triggered from a set, publishes events.</summary>
internal sealed class TestThresholds : IThresholdService
{
    private readonly Subscribers<ThresholdEvent> _subscribers = new();

    public ConcurrentDictionary<string, string> Definitions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Triggered { get; } = new(StringComparer.Ordinal);

    public void SetThreshold(string name, JsonElement definition)
    {
        if (!definition.TryGetProperty("metric", out _))
        {
            throw new FormatException("metric: required");
        }

        Definitions[name] = definition.GetRawText();
    }

    public bool RemoveThreshold(string name) => Definitions.TryRemove(name, out _);

    public bool IsTriggered(string thresholdId, string agent, string metric, string? flowKey) =>
        Triggered.ContainsKey($"{thresholdId}|{agent}|{metric}|{flowKey}");

    public IDisposable Subscribe(IReadOnlyCollection<string>? thresholdIds, Action<ThresholdEvent> deliver) => _subscribers.Add(thresholdIds, deliver);

    public void Publish(ThresholdEvent evt) => _subscribers.Publish(evt.ThresholdId, evt);
}
