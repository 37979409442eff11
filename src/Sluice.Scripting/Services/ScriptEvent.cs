using System.Text.Json.Serialization;

namespace Sluice.Scripting.Services;

/// <summary>The event a <c>setEventHandler</c> callback receives (sflow-rt-api.md §5), with sFlow-RT's field names.</summary>
public sealed record ScriptEvent
{
    [JsonPropertyName("eventID")]
    public long EventId { get; init; }

    [JsonPropertyName("thresholdID")]
    public required string ThresholdId { get; init; }

    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    [JsonPropertyName("value")]
    public double Value { get; init; }

    [JsonPropertyName("threshold")]
    public double Threshold { get; init; }

    [JsonPropertyName("agent")]
    public required string Agent { get; init; }

    [JsonPropertyName("dataSource")]
    public required string DataSource { get; init; }

    [JsonPropertyName("flowKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FlowKey { get; init; }

    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Epoch ms.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }
}
