using System.Text.Json.Serialization;

namespace Sluice.Engine.Thresholds;

/// <summary>One crossing of a threshold, with sFlow-RT's event fields (sflow-rt-api.md §5).</summary>
public sealed record ThresholdEvent
{
    /// <summary>Increases by one per event, from 1; assigned by the <see cref="EventLog"/>.</summary>
    [JsonPropertyName("eventID")]
    public long EventId { get; init; }

    [JsonPropertyName("thresholdID")]
    public required string ThresholdId { get; init; }

    /// <summary>The threshold's metric as it was defined.</summary>
    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    /// <summary>The value (a rate for flows and counters) when the crossing was seen.</summary>
    [JsonPropertyName("value")]
    public double Value { get; init; }

    [JsonPropertyName("threshold")]
    public double Threshold { get; init; }

    [JsonPropertyName("agent")]
    public required string Agent { get; init; }

    [JsonPropertyName("dataSource")]
    public required string DataSource { get; init; }

    /// <summary>The flow key, for <c>byFlow</c> thresholds only.</summary>
    [JsonPropertyName("flowKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FlowKey { get; init; }

    /// <summary>The flow's <c>values</c> (in definition order) when its definition has them; <c>byFlow</c> thresholds only.</summary>
    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Unix ms of the check that saw the crossing.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }
}
