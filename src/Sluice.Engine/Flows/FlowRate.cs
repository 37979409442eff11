using System.Text.Json.Serialization;

namespace Sluice.Engine.Flows;

/// <summary>
/// One flow key with its <c>value</c> (a smoothed rate per second for sums) and, when the definition has
/// <c>values</c>, those in definition order.
/// </summary>
public readonly record struct FlowRate(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("values"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? Values = null);
