using System.Text.Json.Serialization;
using Sluice.Engine.Flows;

namespace Sluice.Engine.Metrics;

/// <summary>One entry of <c>/dump</c> and one cell of <c>/table</c> (sFlow-RT's Metric). <c>lastUpdate</c> is ms ago.</summary>
public sealed record MetricValue(
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("dataSource")] string DataSource,
    [property: JsonPropertyName("metricName")] string MetricName,
    [property: JsonPropertyName("metricValue")] object Value,
    [property: JsonPropertyName("lastUpdate")] long LastUpdate)
{
    /// <summary>For a flow metric in <c>/dump</c>: the data source's largest flows, largest first.</summary>
    [JsonPropertyName("topKeys")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FlowRate>? TopKeys { get; init; }
}
