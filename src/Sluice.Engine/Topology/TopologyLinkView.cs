using System.Text.Json.Serialization;

namespace Sluice.Engine.Topology;

/// <summary>
/// A link seen from one of its ends, as sFlow-RT's <c>topologyInterfaceToLink</c> returns it: the link's name, the
/// local end (the interface asked about) and the remote end.
/// </summary>
public sealed record TopologyLinkView(
    [property: JsonPropertyName("linkname")] string LinkName,
    [property: JsonPropertyName("localnode")] string LocalNode,
    [property: JsonPropertyName("localport")] string LocalPort,
    [property: JsonPropertyName("remotenode")] string RemoteNode,
    [property: JsonPropertyName("remoteport")] string RemotePort,
    [property: JsonPropertyName("remoteagent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RemoteAgent,
    [property: JsonPropertyName("remoteifindex"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] uint? RemoteIfIndex);
