namespace Sluice.Engine.Topology;

/// <summary>A port of a topology node as installed: its name and the ifIndex the topology gives, if any.</summary>
/// <param name="Name">The port's name (<c>swp1</c>, <c>s1-eth1</c>), as the topology's <c>ports</c> object or a link names it.</param>
/// <param name="IfIndex">The <c>ifindex</c> field; null when it is absent and the port is to be found by name.</param>
public sealed record TopologyPort(string Name, uint? IfIndex);
