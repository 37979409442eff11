using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Flows;

/// <summary>The flow metrics of the agents one query selected: what <see cref="Metrics.MetricQuery"/> reads flow names from.</summary>
public sealed class FlowMetricView
{
    private readonly FlowMetrics _metrics;
    private readonly IReadOnlySet<SflowAddress>? _agents;

    internal FlowMetricView(FlowMetrics metrics, IReadOnlySet<SflowAddress>? agents)
    {
        _metrics = metrics;
        _agents = agents;
    }

    /// <summary>Every flow metric name.</summary>
    public IEnumerable<string> Names => _metrics.Names;

    /// <summary>The selected data sources' tables of flow <paramref name="name"/>; null when the name is not a flow metric.</summary>
    public IReadOnlyList<FlowMetricSource>? Find(string name) =>
        _metrics.IsFlowMetric(name) ? _metrics.Sources(name, _agents) : null;
}
