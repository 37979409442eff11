namespace Sluice.Engine.Topology;

/// <summary>An inter-switch link of the installed topology: two node ports.</summary>
public sealed record TopologyLink(string Name, string Node1, string Port1, string Node2, string Port2);
