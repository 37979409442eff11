using System.Diagnostics.CodeAnalysis;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>What the <c>link:</c> key function asks the topology: the link an interface ends, without allocating.</summary>
public interface ITopologyLinks
{
    /// <summary>The name of the link that interface <paramref name="ifIndex"/> of <paramref name="agent"/> ends; false on an edge port.</summary>
    bool TryGetLinkName(in SflowAddress agent, uint ifIndex, [NotNullWhen(true)] out string? link);
}
