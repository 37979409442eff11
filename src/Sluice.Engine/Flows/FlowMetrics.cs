using Sluice.Engine.Agents;
using Sluice.Engine.Ingest;
using Sluice.Engine.Metrics;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Flows;

/// <summary>
/// Flow definitions read as metrics (sflow-rt-api.md §1.2): a name set with <c>setFlow</c> is also a per-data-source
/// metric whose value is the data source's total flow rate. The query side (<c>/metric</c>, <c>/dump</c>, <c>/table</c>)
/// and the threshold checker read the shards' flow tables through here.
/// </summary>
/// <remarks>A counter metric of the same name wins, so defining a flow never changes what a counter query answers.</remarks>
public sealed class FlowMetrics
{
    private readonly Shard[] _shards;
    private readonly FlowDefinitions _definitions;

    internal FlowMetrics(Shard[] shards, FlowDefinitions definitions)
    {
        _shards = shards;
        _definitions = definitions;
    }

    /// <summary>The defined flow names that can be queried as metrics.</summary>
    public IEnumerable<string> Names => _definitions.Names.Where(IsFlowMetric);

    /// <summary>True when <paramref name="name"/> is a flow definition and not a counter metric.</summary>
    public bool IsFlowMetric(string name) =>
        !MetricCatalog.TryGet(name, out _) && _definitions.TryGet(name) is not null;

    /// <summary>The tables of flow <paramref name="name"/> at every data source of <paramref name="agents"/> (null: every agent).</summary>
    public IReadOnlyList<FlowMetricSource> Sources(string name, IReadOnlySet<SflowAddress>? agents = null) =>
        Sources(name, agents is null ? null : source => agents.Contains(source.Agent));

    /// <summary>The tables of flow <paramref name="name"/> at the data sources <paramref name="selection"/> takes (null: all).</summary>
    public IReadOnlyList<FlowMetricSource> Sources(string name, AgentSelection? selection) =>
        Sources(name, selection is null || selection.IsAll ? null : selection.Includes);

    private List<FlowMetricSource> Sources(string name, Func<DataSourceState, bool>? includes)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new List<FlowMetricSource>();
        foreach (var shard in _shards)
        {
            if (shard.FindFlow(name) is not { } flow)
            {
                continue;
            }

            foreach (var (dataSource, table) in flow.Tables)
            {
                if (includes is null || includes(dataSource))
                {
                    result.Add(new FlowMetricSource(name, dataSource, table, flow.Flow.N));
                }
            }
        }

        return result;
    }

    /// <summary>The flow metrics of <paramref name="agents"/> (null: every agent), for one query.</summary>
    public FlowMetricView View(IEnumerable<AgentState>? agents) =>
        new(this, agents is null ? null : AgentSelection.Of(agents));

    /// <summary>The flow metrics of the data sources <paramref name="selection"/> takes (<c>EDGE</c>, <c>CORE</c>, ...), for one query.</summary>
    public FlowMetricView For(AgentSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new(this, selection);
    }
}
