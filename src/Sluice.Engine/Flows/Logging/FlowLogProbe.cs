using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows.Logging;

/// <summary>A <see cref="FlowLogKey"/> over the worker's key buffer, to look a flow up without making its string.</summary>
internal readonly ref struct FlowLogProbe(DataSourceState source, ReadOnlySpan<char> key)
{
    public DataSourceState Source { get; } = source;

    public ReadOnlySpan<char> Key { get; } = key;
}
