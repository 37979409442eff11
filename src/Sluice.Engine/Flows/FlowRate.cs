namespace Sluice.Engine.Flows;

/// <summary>
/// One flow key with its <c>value</c> (a smoothed rate per second for sums) and, when the definition has
/// <c>values</c>, those in definition order.
/// </summary>
public readonly record struct FlowRate(string Key, double Value, IReadOnlyList<double>? Values = null);
