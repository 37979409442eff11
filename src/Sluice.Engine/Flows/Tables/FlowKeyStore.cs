using System.Runtime.InteropServices;

namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// The key text and hash of each slot of a flow table, in one character arena with a fixed stride per slot, so a
/// new key overwrites the characters of the one it replaces and nothing is allocated per key. Each slot starts with
/// a header of the key's hash and length, so that comparing or replacing a key reads one place in memory (one cache
/// line for a usual key) rather than three arrays. The header also holds the table's one flag per slot, whether a
/// sample entered the network under the key (see <see cref="FlowTable.Entering"/>): an add has just read the header
/// to compare the key, so setting the flag there costs no further memory access. The arena grows only while the
/// table fills (slots are handed out in order) and when a key longer than the stride arrives; a full table whose keys
/// fit allocates nothing more. Strings are made only for queries.
/// </summary>
/// <remarks>
/// A struct held in a field of its <see cref="FlowTable"/> (never copied), so that an add goes from the table straight
/// to the characters: for tables that are cold in the cache each object in between would be one more dependent miss.
/// </remarks>
internal struct FlowKeyStore(int capacity)
{
    // Hash (32 bits) and length (31 bits, the top bit the entered flag) as four characters before the key.
    private const int Header = 4;
    private const int EnteredBit = 1 << 31;
    private const int MinimumSlots = 4;
    private const int StrideStep = 8;

    private char[] _chars = [];
    private string?[] _texts = [];
    private int _stride;
    private int _slots;

    /// <summary>Characters of key each slot has room for.</summary>
    public readonly int Stride => _stride - Header;

    /// <summary>The hash <see cref="Set"/> stored with the slot's key.</summary>
    public readonly uint HashOf(int slot) => MemoryMarshal.Read<uint>(HeaderOf(slot));

    /// <summary>The slot's key characters, valid until the slot is <see cref="Set"/> again or the store grows.</summary>
    public readonly ReadOnlySpan<char> KeyOf(int slot)
    {
        var length = MemoryMarshal.Read<int>(HeaderOf(slot)[sizeof(uint)..]) & ~EnteredBit;
        return _chars.AsSpan((slot * _stride) + Header, length);
    }

    /// <summary>True once <see cref="MarkEntered"/> was called for the slot's key.</summary>
    public readonly bool EnteredOf(int slot) => (MemoryMarshal.Read<int>(HeaderOf(slot)[sizeof(uint)..]) & EnteredBit) != 0;

    /// <summary>Flags the slot's key as having had a sample that entered the network here; <see cref="Set"/> clears it.</summary>
    public readonly void MarkEntered(int slot)
    {
        var field = HeaderOf(slot)[sizeof(uint)..];
        var value = MemoryMarshal.Read<int>(field) | EnteredBit;
        MemoryMarshal.Write(field, in value);
    }

    /// <summary>True when the slot holds <paramref name="key"/> (the caller compared hashes first).</summary>
    public readonly bool Matches(int slot, ReadOnlySpan<char> key) => KeyOf(slot).SequenceEqual(key);

    /// <summary>
    /// The slot's key as a string for a query result. The last one made is kept and reused while it still spells the
    /// slot's key (checked here, on the query side), so replacing a key on the write path never touches it.
    /// </summary>
    public readonly string TextOf(int slot)
    {
        var key = KeyOf(slot);
        var text = _texts[slot];
        if (text is null || !key.SequenceEqual(text))
        {
            text = new string(key);
            _texts[slot] = text;
        }

        return text;
    }

    /// <summary>Makes <paramref name="key"/> the key of <paramref name="slot"/>.</summary>
    public void Set(int slot, ReadOnlySpan<char> key, uint hash)
    {
        if (slot >= _slots || key.Length > _stride - Header)
        {
            Grow(slot + 1, key.Length);
        }

        var header = HeaderOf(slot);
        MemoryMarshal.Write(header, in hash);
        var length = key.Length;
        MemoryMarshal.Write(header[sizeof(uint)..], in length);
        key.CopyTo(_chars.AsSpan((slot * _stride) + Header));
    }

    private void Grow(int slots, int length)
    {
        var stride = _stride;
        if (length > stride - Header)
        {
            // Half again as wide at least, so a run of ever longer keys copies the arena a logarithmic number of times.
            stride = Math.Max(RoundUp(length + Header), RoundUp(stride + (stride / 2)));
        }

        var count = _slots;
        if (slots > count)
        {
            count = Math.Min(capacity, Math.Max(slots, Math.Max(MinimumSlots, count * 2)));
        }

        var chars = new char[checked(count * stride)];
        for (var i = 0; i < _slots; i++)
        {
            _chars.AsSpan(i * _stride, Header + KeyOf(i).Length).CopyTo(chars.AsSpan(i * stride));
        }

        Array.Resize(ref _texts, count);
        _chars = chars;
        _stride = stride;
        _slots = count;
    }

    private readonly Span<byte> HeaderOf(int slot) => MemoryMarshal.AsBytes(_chars.AsSpan(slot * _stride, Header));

    private static int RoundUp(int length) => checked((length + StrideStep - 1) / StrideStep * StrideStep);
}
