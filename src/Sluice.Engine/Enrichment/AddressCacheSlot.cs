namespace Sluice.Engine.Enrichment;

/// <summary>
/// One cached answer stored inline in the cache array (32 bytes), so a hit reads one slot rather than chasing a
/// reference to an entry object and from there to its strings. Shard workers read and fill slots concurrently:
/// <see cref="Sequence"/> is a sequence lock (odd while a writer fills the slot, 0 while never filled) that lets a
/// reader detect a torn read and treat it as a miss.
/// </summary>
internal struct AddressCacheSlot
{
    public int Sequence;

    /// <summary><see cref="CountryCodes.IndexOf"/> of the country; 0 unknown, -1 a code the table cannot hold (asked again).</summary>
    public int Country;

    /// <summary>The <see cref="AsnRangeLookup"/> entry, or -1.</summary>
    public int AsnEntry;

    public ulong KeyHigh;
    public ulong KeyLow;
}
