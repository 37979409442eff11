namespace Sluice.Engine.Metrics;

/// <summary>The aggregation prefixes of <c>/metric/{agent}/{metric}/json</c> (<c>max:</c> when none is given).</summary>
public enum MetricAggregation
{
    Max,
    Min,
    Sum,
    Avg,
    Var,
    Sdev,
    Med,
    Q1,
    Q2,
    Q3,
    Iqr,
    Any,
}
