using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows;

/// <summary>The flow metrics of the agents one query selected: what <see cref="Metrics.MetricQuery"/> reads flow names from.</summary>
public sealed class FlowMetricView
{
    private readonly FlowMetrics _metrics;
    private readonly AgentSelection? _selection;

    internal FlowMetricView(FlowMetrics metrics, AgentSelection? selection)
    {
        _metrics = metrics;
        _selection = selection;
    }

    /// <summary>Every flow metric name.</summary>
    public IEnumerable<string> Names => _metrics.Names;

    /// <summary>The selected data sources' tables of flow <paramref name="name"/>; null when the name is not a flow metric.</summary>
    public IReadOnlyList<FlowMetricSource>? Find(string name) =>
        _metrics.IsFlowMetric(name) ? _metrics.Sources(name, _selection) : null;
}
