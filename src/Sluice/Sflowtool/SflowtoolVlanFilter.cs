namespace Sluice.Sflowtool;

/// <summary>
/// sflowtool's VLAN filter: <c>-V</c> lists VLANs to include, <c>-v</c> VLANs to exclude (starting from "all
/// allowed" when it comes first). A flow or discard sample passes if its <c>in_vlan</c> or its <c>out_vlan</c> is allowed.
/// </summary>
internal sealed class SflowtoolVlanFilter
{
    /// <summary>sflowtool's FILTER_MAX_VLAN: VLAN ids 0..4096 are accepted in lists.</summary>
    public const int MaxVlan = 4096;

    private readonly bool[] _allowed = new bool[MaxVlan + 1];

    /// <summary>Creates the filter for the first <c>-V</c> (nothing allowed) or <c>-v</c> (everything allowed).</summary>
    public SflowtoolVlanFilter(bool allowByDefault)
    {
        Array.Fill(_allowed, allowByDefault);
    }

    /// <summary>
    /// A VLAN outside 0..4096 (a bogus extended-switch value): sflowtool reads past its array there; we treat it
    /// as not listed, i.e. allowed only by an exclude-style default.
    /// </summary>
    public bool DefaultForUnlisted { get; init; }

    public bool Allows(uint inVlan, uint outVlan) => Allowed(inVlan) || Allowed(outVlan);

    /// <summary>Applies a list like <c>0-20,4091</c>; returns an sflowtool error message, or null.</summary>
    public string? Apply(string list, bool allow)
    {
        var p = 0;
        do
        {
            while (p < list.Length && (list[p] == ' ' || list[p] == ','))
            {
                p++;
            }

            if (!TryNumber(list, ref p, out var first, out var error) || !InRange(first, out error))
            {
                return error;
            }

            _allowed[(int)first] = allow;
            if (p < list.Length && list[p] == '-')
            {
                p++;
                if (!TryNumber(list, ref p, out var last, out error) || !InRange(last, out error))
                {
                    return error;
                }

                for (var v = (int)first; v <= last; v++)
                {
                    _allowed[v] = allow;
                }
            }
        }
        while (p < list.Length);
        return null;
    }

    private bool Allowed(uint vlan) => vlan <= MaxVlan ? _allowed[vlan] : DefaultForUnlisted;

    // strtol(p, &p, 0) after a digit check: decimal, 0x hex or 0 octal, as sflowtool accepts.
    private static bool TryNumber(string s, ref int p, out long value, out string? error)
    {
        value = 0;
        if (p >= s.Length || s[p] < '0' || s[p] > '9')
        {
            error = $"error parsing vlan filter ranges (next char = <{(p < s.Length ? s[p].ToString() : string.Empty)}>)";
            return false;
        }

        error = null;
        var radix = 10;
        if (s[p] == '0' && p + 1 < s.Length && (s[p + 1] == 'x' || s[p + 1] == 'X') && p + 2 < s.Length && Uri.IsHexDigit(s[p + 2]))
        {
            radix = 16;
            p += 2;
        }
        else if (s[p] == '0')
        {
            radix = 8;
        }

        while (p < s.Length)
        {
            var digit = s[p] switch
            {
                >= '0' and <= '9' => s[p] - '0',
                >= 'a' and <= 'f' => s[p] - 'a' + 10,
                >= 'A' and <= 'F' => s[p] - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                break;
            }

            value = Math.Min(value * radix + digit, int.MaxValue);
            p++;
        }

        return true;
    }

    private static bool InRange(long vlan, out string? error)
    {
        error = vlan > MaxVlan ? $"error parsing vlan filter (vlan = <{vlan}> out of range)" : null;
        return error is null;
    }
}
