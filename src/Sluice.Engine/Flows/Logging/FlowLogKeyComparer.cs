using System.Runtime.CompilerServices;

namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// Compares tracked flows by data source identity and ordinal key, and lets a <see cref="FlowLogProbe"/> find them:
/// the per-sample lookup allocates nothing.
/// </summary>
internal sealed class FlowLogKeyComparer : IEqualityComparer<FlowLogKey>, IAlternateEqualityComparer<FlowLogProbe, FlowLogKey>
{
    public static FlowLogKeyComparer Instance { get; } = new();

    public bool Equals(FlowLogKey x, FlowLogKey y) =>
        ReferenceEquals(x.Source, y.Source) && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

    public int GetHashCode(FlowLogKey obj) => Hash(obj.Source, obj.Key);

    public bool Equals(FlowLogProbe alternate, FlowLogKey other) =>
        ReferenceEquals(alternate.Source, other.Source) && alternate.Key.SequenceEqual(other.Key);

    public int GetHashCode(FlowLogProbe alternate) => Hash(alternate.Source, alternate.Key);

    public FlowLogKey Create(FlowLogProbe alternate) => new(alternate.Source, alternate.Key.ToString());

    private static int Hash(object source, ReadOnlySpan<char> key) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(source), string.GetHashCode(key, StringComparison.Ordinal));
}
