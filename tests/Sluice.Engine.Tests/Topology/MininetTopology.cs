namespace Sluice.Engine.Tests.Topology;

/// <summary>
/// What sFlow-RT's Mininet helper (<c>extras/sflow.py</c>, in the seed's "Mininet flow analytics" article) posts for
/// <c>--topo tree,depth=2,fanout=2</c>, byte for byte as Python's <c>json.dumps</c> writes it: every switch shares the
/// host's agent address, ifIndexes are strings read from sysfs, and only switch-to-switch links are listed.
/// </summary>
internal static class MininetTopology
{
    public const string Agent = "10.0.0.30";

    public const string Json = """{"nodes": {"s1": {"agent": "10.0.0.30", "ports": {"s1-eth1": {"ifindex": "388"}, "s1-eth2": {"ifindex": "390"}}}, "s2": {"agent": "10.0.0.30", "ports": {"s2-eth1": {"ifindex": "392"}, "s2-eth2": {"ifindex": "394"}, "s2-eth3": {"ifindex": "389"}}}, "s3": {"agent": "10.0.0.30", "ports": {"s3-eth1": {"ifindex": "396"}, "s3-eth2": {"ifindex": "398"}, "s3-eth3": {"ifindex": "391"}}}}, "links": {"s1-s2": {"node1": "s1", "port1": "s1-eth1", "node2": "s2", "port2": "s2-eth3"}, "s1-s3": {"node1": "s1", "port1": "s1-eth2", "node2": "s3", "port2": "s3-eth3"}}}""";
}
