using System.Collections.Concurrent;
using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows;

/// <summary>
/// One flow definition inside one shard: its own compiled copy (compiled flows hold scratch buffers) and a
/// table per data source. The shard worker writes; queries read the tables, which lock themselves.
/// </summary>
internal sealed class ShardFlow(string name, CompiledFlow flow, Logging.FlowLogCache? log = null)
{
    public string Name { get; } = name;

    public CompiledFlow Flow { get; } = flow;

    /// <summary>The worker's scratch for one sample's value and values.</summary>
    public FlowMeasure[] Measures { get; } = new FlowMeasure[flow.Kinds.Count];

    /// <summary>The flows tracked for the flow log and IPFIX export; null when the definition has neither.</summary>
    public Logging.FlowLogCache? Log { get; } = log;

    public ConcurrentDictionary<DataSourceState, FlowTable> Tables { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The table of <paramref name="dataSource"/>, registered on first use (the worker caches it, see <see cref="DataSourceFlowTables"/>).</summary>
    public FlowTable TableFor(DataSourceState dataSource, long nowMs)
    {
        if (!Tables.TryGetValue(dataSource, out var table))
        {
            table = new FlowTable(FlowTable.CapacityFor(Flow.N), Flow.T, Flow.Kinds, nowMs);
            Tables[dataSource] = table;
        }

        return table;
    }

    /// <summary>Drops the tables of data sources silent since <paramref name="cutoffMs"/> (they are expired too).</summary>
    public void Expire(long cutoffMs)
    {
        foreach (var (dataSource, table) in Tables)
        {
            if (table.LastUpdateMs < cutoffMs && Tables.TryRemove(dataSource, out var removed))
            {
                // The worker may hold it in its cache: retired, it looks the data source up again.
                removed.Retire();
            }
        }
    }
}
