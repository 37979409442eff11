namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// Key → slot for a flow table: open addressing with linear probing over a power-of-two array at most half full.
/// Each bucket holds a slot number and the key's hash, so a probe reads the key's characters (in
/// <see cref="FlowKeyStore"/>) only when the hashes are equal. Removal shifts the following entries of the probe run
/// back (no tombstones), so lookups never slow down however many keys come and go. Allocates only when it doubles,
/// which stops once the table is full.
/// </summary>
/// <remarks>
/// A struct held in a field of its <see cref="FlowTable"/> (never copied), like <see cref="FlowKeyStore"/>, which the
/// calls that compare keys are given.
/// </remarks>
internal struct FlowSlotIndex
{
    private const int MinimumBuckets = 16;

    private Bucket[] _buckets;
    private int _mask;

    public FlowSlotIndex()
    {
        _buckets = new Bucket[MinimumBuckets];
        _mask = MinimumBuckets - 1;
    }

    /// <summary>Keys indexed.</summary>
    public int Count { readonly get; private set; }

    /// <summary>Buckets in the array (a power of two, at least twice <see cref="Count"/>).</summary>
    public readonly int Buckets => _buckets.Length;

    /// <summary>The slot holding <paramref name="key"/> in <paramref name="keys"/>, or -1.</summary>
    public readonly int Find(in FlowKeyStore keys, ReadOnlySpan<char> key, uint hash)
    {
        var buckets = _buckets;
        var mask = _mask;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            var bucket = buckets[i];
            if (bucket.SlotPlusOne == 0)
            {
                return -1;
            }

            if (bucket.Hash == hash && keys.Matches(bucket.SlotPlusOne - 1, key))
            {
                return bucket.SlotPlusOne - 1;
            }
        }
    }

    /// <summary>Indexes <paramref name="slot"/>, whose key (not indexed yet) has <paramref name="hash"/>.</summary>
    public void Add(int slot, uint hash)
    {
        if ((Count + 1) * 2 > _buckets.Length)
        {
            Grow();
        }

        Place(new Bucket(hash, slot + 1));
        Count++;
    }

    /// <summary>Removes <paramref name="slot"/> (indexed under the hash <paramref name="keys"/> holds for it).</summary>
    public void Remove(in FlowKeyStore keys, int slot)
    {
        var buckets = _buckets;
        var mask = _mask;
        var hole = (int)keys.HashOf(slot) & mask;
        while (buckets[hole].SlotPlusOne != slot + 1)
        {
            if (buckets[hole].SlotPlusOne == 0)
            {
                throw new InvalidOperationException($"slot {slot} is not indexed");
            }

            hole = (hole + 1) & mask;
        }

        // Backward shift: an entry further along the run moves into the hole unless its home bucket lies after the
        // hole (cyclically), where a lookup starting at its home would no longer pass the hole.
        for (var i = (hole + 1) & mask; buckets[i].SlotPlusOne != 0; i = (i + 1) & mask)
        {
            var home = (int)buckets[i].Hash & mask;
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                buckets[hole] = buckets[i];
                hole = i;
            }
        }

        buckets[hole] = default;
        Count--;
    }

    private void Place(Bucket bucket)
    {
        var i = (int)bucket.Hash & _mask;
        while (_buckets[i].SlotPlusOne != 0)
        {
            i = (i + 1) & _mask;
        }

        _buckets[i] = bucket;
    }

    private void Grow()
    {
        var old = _buckets;
        _buckets = new Bucket[old.Length * 2];
        _mask = _buckets.Length - 1;
        foreach (var bucket in old)
        {
            if (bucket.SlotPlusOne != 0)
            {
                Place(bucket);
            }
        }
    }

    /// <summary>One entry; the slot is stored plus one so that a zeroed bucket is empty.</summary>
    private readonly record struct Bucket(uint Hash, int SlotPlusOne);
}
