namespace Sluice.Engine.Flows;

/// <summary>One row of <c>/activeflows</c>: the flow key, its rate per second, and the agent and data source it was taken from.</summary>
public sealed record ActiveFlow(string Key, double Value, string Agent, string DataSource);
