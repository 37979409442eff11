using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>An interface of an agent, the key of the topology's lookups; hashing it allocates nothing.</summary>
internal readonly struct PortKey(SflowAddress agent, uint ifIndex) : IEquatable<PortKey>
{
    public SflowAddress Agent { get; } = agent;

    public uint IfIndex { get; } = ifIndex;

    public bool Equals(PortKey other) => IfIndex == other.IfIndex && Agent.Equals(other.Agent);

    public override bool Equals(object? obj) => obj is PortKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Agent.GetHashCode(), IfIndex);
}
