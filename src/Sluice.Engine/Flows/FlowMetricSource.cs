using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows;

/// <summary>
/// One flow definition at one data source, read as a metric (sflow-rt-api.md §1.2): its value is the data source's
/// total flow rate, and its top keys are the largest flows there. Reads lock the table briefly; nothing is cached.
/// </summary>
public sealed class FlowMetricSource
{
    private readonly FlowTable _table;

    internal FlowMetricSource(string name, DataSourceState dataSource, FlowTable table, int n)
    {
        Name = name;
        DataSource = dataSource;
        _table = table;
        N = n;
    }

    /// <summary>The flow definition's name, which is also the metric's name.</summary>
    public string Name { get; }

    public DataSourceState DataSource { get; }

    /// <summary>The agent address as text.</summary>
    public string Agent => DataSource.Agent.ToString();

    /// <summary>How many top keys a query returns: the definition's <c>n</c>.</summary>
    public int N { get; }

    /// <summary>When a sample last added to the table (ms).</summary>
    public long LastUpdateUnixMs => _table.LastUpdateMs;

    /// <summary>The data source's total rate for this flow, decayed to <paramref name="nowUnixMs"/>.</summary>
    public double Total(long nowUnixMs) => _table.Total(nowUnixMs);

    /// <summary>The <see cref="N"/> largest flows at this data source, largest first.</summary>
    public IReadOnlyList<FlowRate> TopKeys(long nowUnixMs) => _table.Top(N, nowUnixMs);

    /// <summary>Adds every flow whose rate is above <paramref name="threshold"/> to <paramref name="result"/>.</summary>
    public void KeysAbove(double threshold, long nowUnixMs, List<FlowRate> result) => _table.Above(threshold, nowUnixMs, result);
}
