namespace Sluice.Engine.Metrics;

/// <summary>
/// Glob matching for metric filters: <c>*</c> matches any run of characters, <c>?</c> exactly one, every
/// other character itself (case-sensitive; <c>.</c> is a plain dot). The matcher is the classic two-pointer
/// walk that remembers only the last star, so it runs in O(pattern × text) at worst and cannot backtrack
/// catastrophically the way a regular expression can.
/// </summary>
internal static class WildcardPattern
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
