namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// The key text and hash of each slot of a flow table, in one character arena with a fixed stride per slot, so a
/// new key overwrites the characters of the one it replaces and nothing is allocated per key. The arena grows only
/// while the table fills (slots are handed out in order) and when a key longer than the stride arrives; a full table
/// whose keys fit allocates nothing more. Strings are made only for queries, once per slot and key.
/// </summary>
internal sealed class FlowKeyStore(int capacity)
{
    private const int MinimumSlots = 4;
    private const int StrideStep = 8;

    private char[] _chars = [];
    private int[] _lengths = [];
    private uint[] _hashes = [];
    private string?[] _texts = [];
    private int _stride;
    private int _slots;

    /// <summary>Characters each slot has room for.</summary>
    public int Stride => _stride;

    /// <summary>The hash <see cref="Set"/> stored with the slot's key.</summary>
    public uint HashOf(int slot) => _hashes[slot];

    /// <summary>The slot's key characters, valid until the slot is <see cref="Set"/> again or the store grows.</summary>
    public ReadOnlySpan<char> KeyOf(int slot) => _chars.AsSpan(slot * _stride, _lengths[slot]);

    /// <summary>True when the slot holds <paramref name="key"/> (the caller compared hashes first).</summary>
    public bool Matches(int slot, ReadOnlySpan<char> key) => KeyOf(slot).SequenceEqual(key);

    /// <summary>The slot's key as a string for a query result, made on first use and kept until the key changes.</summary>
    public string TextOf(int slot) => _texts[slot] ??= new string(KeyOf(slot));

    /// <summary>Makes <paramref name="key"/> the key of <paramref name="slot"/>.</summary>
    public void Set(int slot, ReadOnlySpan<char> key, uint hash)
    {
        if (slot >= _slots || key.Length > _stride)
        {
            Grow(slot + 1, key.Length);
        }

        key.CopyTo(_chars.AsSpan(slot * _stride));
        _lengths[slot] = key.Length;
        _hashes[slot] = hash;
        _texts[slot] = null;
    }

    private void Grow(int slots, int length)
    {
        var stride = _stride;
        if (length > stride)
        {
            // Half again as wide at least, so a run of ever longer keys copies the arena a logarithmic number of times.
            stride = Math.Max(RoundUp(length), RoundUp(stride + (stride / 2)));
        }

        var count = _slots;
        if (slots > count)
        {
            count = Math.Min(capacity, Math.Max(slots, Math.Max(MinimumSlots, count * 2)));
        }

        var chars = new char[checked(count * stride)];
        for (var i = 0; i < _slots; i++)
        {
            _chars.AsSpan(i * _stride, _lengths[i]).CopyTo(chars.AsSpan(i * stride));
        }

        Array.Resize(ref _lengths, count);
        Array.Resize(ref _hashes, count);
        Array.Resize(ref _texts, count);
        _chars = chars;
        _stride = stride;
        _slots = count;
    }

    private static int RoundUp(int length) => checked((length + StrideStep - 1) / StrideStep * StrideStep);
}
