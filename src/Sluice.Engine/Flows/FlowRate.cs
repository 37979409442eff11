namespace Sluice.Engine.Flows;

/// <summary>One flow key and its smoothed rate (value per second).</summary>
public readonly record struct FlowRate(string Key, double Value);
