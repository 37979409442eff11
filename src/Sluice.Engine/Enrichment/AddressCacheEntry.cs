namespace Sluice.Engine.Enrichment;

/// <summary>
/// One cached answer. Immutable and published by reference, so readers on other threads see either the old or
/// the new entry, never a torn mix of two addresses.
/// </summary>
internal sealed class AddressCacheEntry(UInt128 key, string? country, int asnEntry)
{
    public readonly UInt128 Key = key;
    public readonly string? Country = country;
    public readonly int AsnEntry = asnEntry;
}
