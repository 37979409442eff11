namespace Sluice.Engine.Bgp.Traffic;

/// <summary>The arguments of <c>bgpTopPrefixes</c> and <c>/bgp/topprefixes/{router}/json</c> (sflow-rt-api.md §1.8, §8.2).</summary>
public sealed record BgpTopPrefixesQuery
{
    public int MaxPrefixes { get; init; } = 100;

    public double MinValue { get; init; }

    /// <summary>Weight by destination address (<c>destination</c>, <c>egress</c>) or by source (<c>source</c>, <c>ingress</c>).</summary>
    public bool BySource { get; init; }

    /// <summary>Shorter prefixes are left out (1 leaves out the default route).</summary>
    public int MinPrefix { get; init; }

    public static bool TryParseDirection(string? text, out bool bySource)
    {
        bySource = text is "source" or "ingress";
        return text is null or "" or "destination" or "egress" or "source" or "ingress";
    }
}
