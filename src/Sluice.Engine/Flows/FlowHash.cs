namespace Sluice.Engine.Flows;

/// <summary>
/// A 64-bit hash of key text for <c>count:</c>: FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finalizer
/// so that every output bit depends on every input bit (the distinct counter takes its register index from the top bits).
/// Deterministic across runs, unlike <see cref="string.GetHashCode()"/>, so counts are reproducible.
/// </summary>
internal static class FlowHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return Avalanche(hash);
    }

    /// <summary>MurmurHash3's 64-bit finalizer: afterwards every output bit depends on every input bit.</summary>
    public static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
