namespace Sluice.Engine.Enrichment;

/// <summary>
/// One shared string per two-letter country code, so cached answers are the same instance and the flow
/// language can compare or hash them without new strings per lookup.
/// </summary>
internal static class CountryCodes
{
    private static readonly string?[] _codes = new string?[26 * 26];

    public static string Intern(string code)
    {
        if (code.Length != 2)
        {
            return code.ToUpperInvariant();
        }
        var a = char.ToUpperInvariant(code[0]) - 'A';
        var b = char.ToUpperInvariant(code[1]) - 'A';
        if ((uint)a >= 26 || (uint)b >= 26)
        {
            return code.ToUpperInvariant();
        }
        var slot = a * 26 + b;
        var existing = Volatile.Read(ref _codes[slot]);
        if (existing is not null)
        {
            return existing;
        }
        var created = string.Create(2, (a, b), static (span, s) =>
        {
            span[0] = (char)('A' + s.a);
            span[1] = (char)('A' + s.b);
        });
        return Interlocked.CompareExchange(ref _codes[slot], created, null) ?? created;
    }
}
