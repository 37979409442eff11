using System.Text.Json.Serialization;

namespace Sluice.Engine.Topology;

/// <summary>
/// Where a host MAC attaches (sFlow-RT's <c>topologyLocateHostMac</c> entry): the agent and ifIndex of the edge port
/// its frames entered at, the topology's node and port names for it when known, the MAC's vendor, and the addresses
/// and VLAN its latest sampled frame carried.
/// </summary>
public sealed record HostLocation(
    [property: JsonPropertyName("mac")] string Mac,
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("ifindex")] uint IfIndex,
    [property: JsonPropertyName("node"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Node,
    [property: JsonPropertyName("port"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Port,
    [property: JsonPropertyName("ouiname"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OuiName,
    [property: JsonPropertyName("ipaddress"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IpAddress,
    [property: JsonPropertyName("ip6address"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ip6Address,
    [property: JsonPropertyName("vlan"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Vlan,
    [property: JsonPropertyName("lastSeen")] long LastSeenUnixMs);
