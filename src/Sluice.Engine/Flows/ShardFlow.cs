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

    // The worker's last table: the samples of a datagram, and often of many, come from one data source, so most
    // lookups skip the dictionary. Only the worker reads and writes these two fields.
    private DataSourceState? _lastDataSource;
    private FlowTable? _lastTable;

    public ConcurrentDictionary<DataSourceState, FlowTable> Tables { get; } = new(ReferenceEqualityComparer.Instance);

    public FlowTable TableFor(DataSourceState dataSource, long nowMs)
    {
        var last = _lastTable;
        if (ReferenceEquals(dataSource, _lastDataSource) && last is not null && !last.Retired)
        {
            return last;
        }

        if (!Tables.TryGetValue(dataSource, out var table))
        {
            table = new FlowTable(FlowTable.CapacityFor(Flow.N), Flow.T, Flow.Kinds, nowMs);
            Tables[dataSource] = table;
        }

        _lastDataSource = dataSource;
        _lastTable = table;
        return table;
    }

    /// <summary>Drops the tables of data sources silent since <paramref name="cutoffMs"/> (they are expired too).</summary>
    public void Expire(long cutoffMs)
    {
        foreach (var (dataSource, table) in Tables)
        {
            if (table.LastUpdateMs < cutoffMs && Tables.TryRemove(dataSource, out var removed))
            {
                // The worker may hold it as its last table: retired, it looks the data source up again.
                removed.Retire();
            }
        }
    }
}
