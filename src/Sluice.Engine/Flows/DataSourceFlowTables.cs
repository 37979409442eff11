using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows;

/// <summary>
/// One data source's flow tables for the shard's current definitions, index for index. A sample is evaluated by
/// every definition, and consecutive samples come from different ports, so the worker finds each table here with
/// an array index rather than a concurrent-dictionary lookup per definition per sample. Only the worker touches it.
/// A struct in a field of its <see cref="DataSourceState"/> (never copied), so the tables are one step from the data
/// source the sample has just touched.
/// </summary>
internal struct DataSourceFlowTables
{
    private ShardFlow[]? _flows;
    private FlowTable?[] _tables;

    /// <summary>
    /// The table of <paramref name="flows"/>[<paramref name="index"/>] at <paramref name="dataSource"/>. A new set of
    /// definitions (the shard replaces its array on every change) starts the cache afresh; a retired table (its data
    /// source expired) is looked up again.
    /// </summary>
    public FlowTable Get(ShardFlow[] flows, int index, DataSourceState dataSource, long nowMs)
    {
        if (!ReferenceEquals(flows, _flows))
        {
            _flows = flows;
            _tables = new FlowTable?[flows.Length];
        }

        var table = _tables![index];
        if (table is null || table.Retired)
        {
            table = flows[index].TableFor(dataSource, nowMs);
            _tables[index] = table;
        }

        return table;
    }
}
