using System.Text.Json.Serialization;

namespace Sluice.Engine.Bgp.Traffic;

/// <summary>One entry of <c>bgpTopPrefixes</c>: a learned prefix, the traffic attributed to it, and its route attributes.</summary>
public sealed record BgpTopPrefix(
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("nexthop"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextHop,
    [property: JsonPropertyName("aspath")] string AsPath,
    [property: JsonPropertyName("localpref"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] uint? LocalPref,
    [property: JsonPropertyName("communities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Communities);
