using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>
/// One installed topology with its names resolved as far as they are known, immutable. The engine swaps in a new
/// snapshot on every update (and when names learned later resolve more ports), so the decode workers evaluating
/// <c>link:</c> and the queries selecting <c>EDGE</c> or <c>CORE</c> read one consistent state without locks. The
/// (agent, ifIndex) lookups are frozen dictionaries built once per snapshot.
/// </summary>
public sealed class TopologySnapshot
{
    private readonly FrozenDictionary<PortKey, TopologyInterface> _interfaces;
    private readonly FrozenDictionary<PortKey, string> _linkEnds;
    private readonly FrozenDictionary<string, TopologyInterface[]> _linkInterfaces;
    private readonly FrozenDictionary<string, string[]> _nodeLinks;
    private readonly FrozenDictionary<string, SflowAddress> _nodeAgents;
    private readonly FrozenDictionary<SflowAddress, string[]> _agentNodes;
    private readonly string[] _nodeNames;

    private TopologySnapshot(TopologyDefinition definition, long version, Builder built)
    {
        Definition = definition;
        Version = version;
        _interfaces = built.Interfaces.ToFrozenDictionary();
        _linkEnds = built.LinkEnds.ToFrozenDictionary();
        _linkInterfaces = built.LinkInterfaces.ToFrozenDictionary(StringComparer.Ordinal);
        _nodeLinks = built.NodeLinks.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _nodeAgents = built.NodeAgents.ToFrozenDictionary(StringComparer.Ordinal);
        _agentNodes = built.NodeAgents.GroupBy(e => e.Value).ToFrozenDictionary(g => g.Key, g => g.Select(e => e.Key).ToArray());
        _nodeNames = [.. built.NodeOrder];
        Unresolved = built.Unresolved;
        Resolved = built.Interfaces.Count + built.NodeAgents.Count;
        Diameter = built.Diameter();
    }

    /// <summary>No topology installed: every data source is an edge port.</summary>
    public static TopologySnapshot Empty { get; } = Build(TopologyDefinition.Empty, 0, TopologyNames.Empty);

    /// <summary>Changes on every update of the topology (sFlow-RT's <c>topologyVersion</c>); 0 before the first.</summary>
    public long Version { get; }

    /// <summary>The topology as installed.</summary>
    public TopologyDefinition Definition { get; }

    /// <summary>True when a topology with at least one node or link is installed.</summary>
    public bool IsInstalled => !Definition.IsEmpty;

    /// <summary>The agents the topology's nodes map to (sFlow-RT's <c>TOPOLOGY</c> agents).</summary>
    public IReadOnlyCollection<SflowAddress> Agents => _agentNodes.Keys;

    /// <summary>Nodes without an agent plus ports without an ifIndex: names that agents' reports may still resolve.</summary>
    public int Unresolved { get; }

    /// <summary>Nodes with an agent plus ports with an agent and ifIndex.</summary>
    public int Resolved { get; }

    /// <summary>The most links on a shortest path between two nodes (sFlow-RT's <c>topologyDiameter</c>); 0 without links.</summary>
    public int Diameter { get; }

    /// <summary>Every node (those the <c>nodes</c> object names, then those only links name); with <paramref name="resolvedOnly"/>, those with a known agent.</summary>
    public IReadOnlyList<string> NodeNames(bool resolvedOnly = false) =>
        resolvedOnly ? Array.FindAll(_nodeNames, _nodeAgents.ContainsKey) : _nodeNames;

    /// <summary>Every link; with <paramref name="resolvedOnly"/>, those whose two ends map to an agent and ifIndex.</summary>
    public IReadOnlyList<string> LinkNames(bool resolvedOnly = false) =>
        [.. Definition.Links.Keys.Where(name => !resolvedOnly || _linkInterfaces[name].All(end => end.IsResolved))];

    /// <summary>The link as installed; null for an unknown name.</summary>
    public TopologyLink? Link(string name) => Definition.Links.GetValueOrDefault(name);

    /// <summary>The two ends of a link (end 1, end 2) with what they map to; null for an unknown name.</summary>
    public IReadOnlyList<TopologyInterface>? LinkEnds(string name) => _linkInterfaces.GetValueOrDefault(name);

    /// <summary>The links with an end on <paramref name="node"/>; empty for an unknown node.</summary>
    public IReadOnlyList<string> NodeLinks(string node) => _nodeLinks.GetValueOrDefault(node) ?? [];

    /// <summary>The agent of <paramref name="node"/>, given or found by host name; null when unknown.</summary>
    public SflowAddress? AgentForNode(string node) => _nodeAgents.TryGetValue(node, out var agent) ? agent : null;

    /// <summary>The nodes mapped to <paramref name="agent"/> (several when, as in Mininet, switches share one agent).</summary>
    public IReadOnlyList<string> NodesForAgent(in SflowAddress agent) => _agentNodes.GetValueOrDefault(agent) ?? [];

    /// <summary>True when <paramref name="agent"/> is the agent of a node.</summary>
    public bool ContainsAgent(in SflowAddress agent) => _agentNodes.ContainsKey(agent);

    /// <summary>The node port that is interface <paramref name="ifIndex"/> of <paramref name="agent"/>.</summary>
    public bool TryGetInterface(in SflowAddress agent, uint ifIndex, [NotNullWhen(true)] out TopologyInterface? port) =>
        _interfaces.TryGetValue(new PortKey(agent, ifIndex), out port);

    /// <summary>The link that interface <paramref name="ifIndex"/> of <paramref name="agent"/> ends; allocates nothing.</summary>
    public bool TryGetLinkName(in SflowAddress agent, uint ifIndex, [NotNullWhen(true)] out string? link)
    {
        if (_linkEnds.Count == 0)
        {
            link = null;
            return false;
        }

        return _linkEnds.TryGetValue(new PortKey(agent, ifIndex), out link);
    }

    /// <summary>True when the interface ends a link (a core port); false for edge ports and without a topology.</summary>
    public bool IsLinkEnd(in SflowAddress agent, uint ifIndex) =>
        _linkEnds.Count > 0 && _linkEnds.ContainsKey(new PortKey(agent, ifIndex));

    /// <summary>The link the interface ends, seen from that end; null on an edge port.</summary>
    public TopologyLinkView? InterfaceToLink(in SflowAddress agent, uint ifIndex)
    {
        if (!TryGetInterface(agent, ifIndex, out var local) || local.Link is not { } name)
        {
            return null;
        }

        var ends = _linkInterfaces[name];
        var remote = ReferenceEquals(ends[0], local) ? ends[1] : ends[0];
        return new TopologyLinkView(name, local.Node, local.Port, remote.Node, remote.Port, remote.Agent, remote.IfIndex);
    }

    /// <summary>Maps <paramref name="definition"/> onto agents and ifIndexes, taking what it leaves out from <paramref name="names"/>.</summary>
    internal static TopologySnapshot Build(TopologyDefinition definition, long version, TopologyNames names) =>
        new(definition, version, new Builder(definition, names));

    /// <summary>The resolution work of one snapshot.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, Dictionary<string, uint?>> _ports = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SflowAddress?> _agents = new(StringComparer.Ordinal);
        private readonly TopologyNames _names;

        public Builder(TopologyDefinition definition, TopologyNames names)
        {
            _names = names;
            foreach (var node in definition.Nodes.Values)
            {
                var ports = AddNode(node.Name, node.Agent);
                foreach (var port in node.Ports.Values)
                {
                    ports[port.Name] = port.IfIndex;
                }
            }

            // A link may name nodes and ports the nodes object leaves out: they are found by name.
            var portLinks = new Dictionary<(string Node, string Port), string>();
            foreach (var link in definition.Links.Values)
            {
                AddNode(link.Node1, null).TryAdd(link.Port1, null);
                AddNode(link.Node2, null).TryAdd(link.Port2, null);
                portLinks.TryAdd((link.Node1, link.Port1), link.Name);
                portLinks.TryAdd((link.Node2, link.Port2), link.Name);
            }

            var byName = new Dictionary<(string Node, string Port), TopologyInterface>();
            foreach (var node in NodeOrder)
            {
                var agent = _agents[node];
                if (agent is { } known)
                {
                    NodeAgents[node] = known;
                }
                else
                {
                    Unresolved++;
                }

                var agentText = agent?.ToString();
                foreach (var (port, given) in _ports[node])
                {
                    var ifIndex = given ?? (agent is { } a && names.TryGetIfIndex(a, port, out var found) ? found : null);
                    var link = portLinks.GetValueOrDefault((node, port));
                    var entry = new TopologyInterface(node, port, agentText, ifIndex, link);
                    byName[(node, port)] = entry;
                    if (agent is not { } address || ifIndex is not { } index)
                    {
                        Unresolved++;
                        continue;
                    }

                    // Two ports resolved to one interface: the first keeps it (the parser rejects this for given ifindexes).
                    var key = new PortKey(address, index);
                    if (Interfaces.TryAdd(key, entry) && link is not null)
                    {
                        LinkEnds[key] = link;
                    }
                }
            }

            foreach (var link in definition.Links.Values)
            {
                LinkInterfaces[link.Name] = [byName[(link.Node1, link.Port1)], byName[(link.Node2, link.Port2)]];
                NodeLink(link.Node1, link.Name);
                if (link.Node2 != link.Node1)
                {
                    NodeLink(link.Node2, link.Name);
                }

                if (link.Node1 != link.Node2)
                {
                    Neighbours(link.Node1).Add(link.Node2);
                    Neighbours(link.Node2).Add(link.Node1);
                }
            }
        }

        public List<string> NodeOrder { get; } = [];

        public Dictionary<string, SflowAddress> NodeAgents { get; } = new(StringComparer.Ordinal);

        public Dictionary<PortKey, TopologyInterface> Interfaces { get; } = [];

        public Dictionary<PortKey, string> LinkEnds { get; } = [];

        public Dictionary<string, TopologyInterface[]> LinkInterfaces { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> NodeLinks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Adjacency { get; } = new(StringComparer.Ordinal);

        public int Unresolved { get; private set; }

        /// <summary>The longest shortest path, by breadth-first search from every node (once per snapshot).</summary>
        public int Diameter()
        {
            var longest = 0;
            var distance = new Dictionary<string, int>(StringComparer.Ordinal);
            var queue = new Queue<string>();
            foreach (var start in Adjacency.Keys)
            {
                distance.Clear();
                distance[start] = 0;
                queue.Enqueue(start);
                while (queue.TryDequeue(out var node))
                {
                    var next = distance[node] + 1;
                    foreach (var neighbour in Adjacency[node])
                    {
                        if (distance.TryAdd(neighbour, next))
                        {
                            longest = Math.Max(longest, next);
                            queue.Enqueue(neighbour);
                        }
                    }
                }
            }

            return longest;
        }

        private Dictionary<string, uint?> AddNode(string name, SflowAddress? agent)
        {
            if (_ports.TryGetValue(name, out var ports))
            {
                return ports;
            }

            NodeOrder.Add(name);
            _agents[name] = agent ?? (_names.TryGetAgent(name, out var found) ? found : null);
            ports = new Dictionary<string, uint?>(StringComparer.Ordinal);
            _ports[name] = ports;
            return ports;
        }

        private void NodeLink(string node, string link)
        {
            if (!NodeLinks.TryGetValue(node, out var links))
            {
                links = [];
                NodeLinks[node] = links;
            }

            links.Add(link);
        }

        private HashSet<string> Neighbours(string node)
        {
            if (!Adjacency.TryGetValue(node, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                Adjacency[node] = set;
            }

            return set;
        }
    }
}
