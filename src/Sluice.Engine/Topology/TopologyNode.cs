using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>A switch of the installed topology (sflow-rt-api.md §1.7).</summary>
/// <param name="Name">The node's name, the key of the <c>nodes</c> object.</param>
/// <param name="Agent">The <c>agent</c> field; null when it is absent and the agent is to be found by host name.</param>
/// <param name="Ports">The node's ports by name.</param>
public sealed record TopologyNode(string Name, SflowAddress? Agent, IReadOnlyDictionary<string, TopologyPort> Ports);
