namespace Sluice.Engine.Enrichment;

/// <summary>
/// One shared string per two-letter country code, so cached answers are the same instance and the flow
/// language can compare or hash them without new strings per lookup. Each code also has a small index
/// (<see cref="IndexOf"/>), so the address cache can hold a country in an int rather than a reference.
/// </summary>
internal static class CountryCodes
{
    private static readonly string?[] _codes = new string?[26 * 26];

    public static string Intern(string code)
    {
        var slot = Slot(code);
        if (slot < 0)
        {
            return code.ToUpperInvariant();
        }

        var existing = Volatile.Read(ref _codes[slot]);
        if (existing is not null)
        {
            return existing;
        }

        var created = string.Create(2, slot, static (span, s) =>
        {
            span[0] = (char)('A' + (s / 26));
            span[1] = (char)('A' + (s % 26));
        });
        return Interlocked.CompareExchange(ref _codes[slot], created, null) ?? created;
    }

    /// <summary>1 and up for a two-letter code (after <see cref="Intern"/>); -1 for any other text.</summary>
    public static int IndexOf(string code)
    {
        var slot = Slot(code);
        return slot >= 0 && Volatile.Read(ref _codes[slot]) is not null ? slot + 1 : -1;
    }

    /// <summary>The interned code of an index from <see cref="IndexOf"/>.</summary>
    public static string FromIndex(int index) => Volatile.Read(ref _codes[index - 1])!;

    private static int Slot(string code)
    {
        if (code.Length != 2)
        {
            return -1;
        }

        var a = char.ToUpperInvariant(code[0]) - 'A';
        var b = char.ToUpperInvariant(code[1]) - 'A';
        return (uint)a < 26 && (uint)b < 26 ? (a * 26) + b : -1;
    }
}
