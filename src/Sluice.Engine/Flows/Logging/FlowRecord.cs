namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// One logged flow (sflow-rt-api.md §1.3): the definition <see cref="Name"/>, the key string, and totals scaled by the
/// sampling rate over the flow's life from <see cref="Start"/> to <see cref="End"/> (epoch ms) at one agent's data source.
/// With <c>flowStart:true</c> a record reports the first sample of the flow (start equals end).
/// </summary>
public sealed class FlowRecord
{
    internal FlowRecord(string name, string flowKeys, double value, IReadOnlyList<double>? values, long start, long end, string agent, string dataSource)
    {
        Name = name;
        FlowKeys = flowKeys;
        Value = value;
        Values = values;
        Start = start;
        End = end;
        Agent = agent;
        DataSource = dataSource;
    }

    /// <summary>Position in the engine's flow log (from 1, increasing); 0 for a record that only went to IPFIX.</summary>
    public long FlowId { get; internal set; }

    public string Name { get; }

    /// <summary>The key values joined by the definition's <c>fs</c>.</summary>
    public string FlowKeys { get; }

    /// <summary>The definition's value totalled over the flow's samples, each weighted by its sampling rate.</summary>
    public double Value { get; }

    /// <summary>The definition's <c>values</c>, when it has some (sums scaled like <see cref="Value"/>; min, max and avg of the samples).</summary>
    public IReadOnlyList<double>? Values { get; }

    public long Start { get; }

    public long End { get; }

    public string Agent { get; }

    public string DataSource { get; }

    /// <summary>Packets the samples stand for (each sample counts its sampling rate).</summary>
    public double Frames { get; init; }

    /// <summary>Bytes the samples stand for (frame length × sampling rate).</summary>
    public double Bytes { get; init; }

    /// <summary>The key fields already encoded for the definition's IPFIX template; null without IPFIX export.</summary>
    internal byte[]? ExportKey { get; init; }
}
