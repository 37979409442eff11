using System.Text.Json.Serialization;

namespace Sluice.Scripting.Services;

/// <summary>The record a <c>setFlowHandler</c> callback receives (sflow-rt-api.md §6.2), with sFlow-RT's field names.</summary>
public sealed record ScriptFlowRecord
{
    [JsonPropertyName("flowID")]
    public long FlowId { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The key values joined by the definition's <c>fs</c>.</summary>
    [JsonPropertyName("flowKeys")]
    public required string FlowKeys { get; init; }

    [JsonPropertyName("value")]
    public double Value { get; init; }

    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Epoch ms.</summary>
    [JsonPropertyName("start")]
    public long Start { get; init; }

    [JsonPropertyName("end")]
    public long End { get; init; }

    [JsonPropertyName("agent")]
    public required string Agent { get; init; }

    [JsonPropertyName("dataSource")]
    public required string DataSource { get; init; }
}
