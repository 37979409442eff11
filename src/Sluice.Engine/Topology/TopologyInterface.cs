using System.Text.Json.Serialization;

namespace Sluice.Engine.Topology;

/// <summary>
/// A node port and what it maps to: the agent and ifIndex (null while they are unknown) and the link it ends, if any.
/// JSON names follow sFlow-RT's <c>topologyInterfaceToPort</c> result.
/// </summary>
public sealed record TopologyInterface(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("port")] string Port,
    [property: JsonPropertyName("agent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agent,
    [property: JsonPropertyName("ifindex"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] uint? IfIndex,
    [property: JsonPropertyName("link"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Link)
{
    /// <summary>True when the port's agent and ifIndex are both known, so sFlow data can be matched to it.</summary>
    [JsonIgnore]
    public bool IsResolved => Agent is not null && IfIndex is not null;
}
