namespace Sluice.Engine.Topology;

/// <summary>
/// A topology as <c>PUT /topology/json</c> or <c>setTopology</c> installs it (sflow-rt-api.md §1.7), validated:
/// <c>nodes</c> (optional) name switches with their <c>agent</c> and <c>ports</c> (with <c>ifindex</c>), <c>links</c> join
/// two node ports. What the topology leaves out (an agent, an ifIndex, a node only links name) is found later by name.
/// </summary>
public sealed class TopologyDefinition
{
    internal TopologyDefinition(IReadOnlyDictionary<string, TopologyNode> nodes, IReadOnlyDictionary<string, TopologyLink> links, string json)
    {
        Nodes = nodes;
        Links = links;
        Json = json;
    }

    /// <summary>No topology: no nodes, no links, <c>{}</c>.</summary>
    public static TopologyDefinition Empty { get; } = new(
        new Dictionary<string, TopologyNode>(StringComparer.Ordinal), new Dictionary<string, TopologyLink>(StringComparer.Ordinal), "{}");

    /// <summary>The <c>nodes</c> object, by node name.</summary>
    public IReadOnlyDictionary<string, TopologyNode> Nodes { get; }

    /// <summary>The <c>links</c> object, by link name.</summary>
    public IReadOnlyDictionary<string, TopologyLink> Links { get; }

    /// <summary>The JSON as installed, fields Sluice does not read (<c>dpid</c>, <c>tags</c>, ...) included: what GET returns.</summary>
    public string Json { get; }

    /// <summary>True when there is neither a node nor a link.</summary>
    public bool IsEmpty => Nodes.Count == 0 && Links.Count == 0;

    /// <summary>Parses and validates a topology document.</summary>
    /// <exception cref="TopologyFormatException">Not JSON, or a field of the wrong shape; the message names the field.</exception>
    public static TopologyDefinition Parse(string json) => TopologyParser.Parse(json);
}
