using System.Text.Json.Serialization;

namespace Sluice.Engine.Metrics;

/// <summary>The <c>quartiles</c> object of a <c>med:</c> statistic.</summary>
public sealed record MetricQuartiles(
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("q1")] double Q1,
    [property: JsonPropertyName("med")] double Med,
    [property: JsonPropertyName("q3")] double Q3,
    [property: JsonPropertyName("max")] double Max);
