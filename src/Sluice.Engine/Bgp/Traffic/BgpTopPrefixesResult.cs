using System.Text.Json.Serialization;

namespace Sluice.Engine.Bgp.Traffic;

/// <summary>What <c>bgpTopPrefixes</c> and <c>/bgp/topprefixes/{router}/json</c> answer (sflow-rt-api.md §8.2).</summary>
public sealed record BgpTopPrefixesResult(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("nPrefixes")] int NPrefixes,
    [property: JsonPropertyName("learnedPrefixesAdded")] long LearnedPrefixesAdded,
    [property: JsonPropertyName("learnedPrefixesRemoved")] long LearnedPrefixesRemoved,
    [property: JsonPropertyName("valueTotal")] double ValueTotal,
    [property: JsonPropertyName("valuePercentCoverage")] double ValuePercentCoverage,
    [property: JsonPropertyName("topPrefixes")] IReadOnlyList<BgpTopPrefix> TopPrefixes);
