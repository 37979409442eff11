namespace Sluice.Engine.Flows;

/// <summary>
/// How <c>activeFlows</c> combines a key seen at several data sources (its <c>aggMode</c>, sflow-rt-api.md §3.3); see
/// <see cref="ActiveFlowMerge"/>.
/// </summary>
public enum FlowAggregation
{
    /// <summary>The data source with the largest value (the default).</summary>
    Max,

    /// <summary>Values added over every data source.</summary>
    Sum,

    /// <summary>Edge ports only, each adding what entered the network there: every packet counts once.</summary>
    Edge,

    /// <summary>Inter-switch link ports only, the largest value.</summary>
    Core,
}
