using System.Text.Json.Serialization;
using Sluice.Engine.Flows;

namespace Sluice.Engine.Metrics;

/// <summary>
/// One entry of <c>/metric/{agent}/{metric}/json</c> (sFlow-RT's Statistic). <c>lastUpdate*</c> are ms ago.
/// When nothing matched, only <c>metricName</c> and <c>metricN</c> = 0 are set. Flow metrics add <c>topKeys</c>.
/// </summary>
public sealed record MetricStatistic
{
    [JsonPropertyName("agent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Agent { get; init; }

    [JsonPropertyName("dataSource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DataSource { get; init; }

    [JsonPropertyName("metricName")]
    public required string MetricName { get; init; }

    /// <summary>A double or a string.</summary>
    [JsonPropertyName("metricValue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? MetricValue { get; init; }

    [JsonPropertyName("metricN")]
    public int MetricN { get; init; }

    [JsonPropertyName("lastUpdate")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastUpdate { get; init; }

    [JsonPropertyName("lastUpdateMin")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastUpdateMin { get; init; }

    [JsonPropertyName("lastUpdateMax")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastUpdateMax { get; init; }

    [JsonPropertyName("quartiles")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricQuartiles? Quartiles { get; init; }

    /// <summary>For a flow metric: the largest flows (<c>{key, value}</c>, largest first) behind the value.</summary>
    [JsonPropertyName("topKeys")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FlowRate>? TopKeys { get; init; }
}
