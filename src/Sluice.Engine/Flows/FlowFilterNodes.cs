using System.Text.RegularExpressions;

namespace Sluice.Engine.Flows;

internal abstract class FilterNode
{
    public abstract bool Matches(FlowSampleContext context);
}

internal sealed class AndNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(FlowSampleContext context) => left.Matches(context) && right.Matches(context);
}

internal sealed class OrNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(FlowSampleContext context) => left.Matches(context) || right.Matches(context);
}

/// <summary>
/// <c>key=a,b</c> (any of) or <c>key!=a,b</c> (none of); the literal <c>null</c> stands for a missing value. A value
/// that is a CIDR (<c>10.0.0.0/8</c>) also matches any address of the key inside that prefix.
/// </summary>
internal sealed class EqualsNode(FlowKey key, string[] values, FlowCidr[] prefixes, bool matchesMissing, bool negate) : FilterNode
{
    private readonly char[] _scratch = new char[FlowKey.MaxLength];

    public override bool Matches(FlowSampleContext context)
    {
        var length = key.Write(context, _scratch);
        bool any;
        if (length < 0)
        {
            any = matchesMissing;
        }
        else
        {
            any = false;
            var value = _scratch.AsSpan(0, length);
            foreach (var candidate in values)
            {
                if (value.SequenceEqual(candidate))
                {
                    any = true;
                    break;
                }
            }

            any = any || InPrefix(context);
        }

        return any != negate;
    }

    private bool InPrefix(FlowSampleContext context)
    {
        if (prefixes.Length == 0)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        var length = key.WriteBytes(context, address);
        if (length is not (4 or 16))
        {
            return false;
        }

        foreach (var prefix in prefixes)
        {
            if (prefix.Contains(address[..length]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// <c>key~re</c> / <c>key!~re</c>: the whole value must match one of the patterns (Java <c>Pattern.matches</c>).
/// Patterns run on the non-backtracking engine, so no pattern can take more than linear time; a timeout guards the rest.
/// </summary>
internal sealed class RegexNode(FlowKey key, Regex[] patterns, bool negate) : FilterNode
{
    private readonly char[] _scratch = new char[FlowKey.MaxLength];
    private readonly FlowRegexMemo _memo = new();

    public override bool Matches(FlowSampleContext context)
    {
        var length = key.Write(context, _scratch);
        var any = false;
        if (length >= 0)
        {
            var value = _scratch.AsSpan(0, length);
            if (!_memo.TryGet(value, out any))
            {
                any = MatchesAny(value, out var timedOut);
                if (!timedOut)
                {
                    _memo.Add(value, any);
                }
            }
        }

        return any != negate;
    }

    private bool MatchesAny(ReadOnlySpan<char> value, out bool timedOut)
    {
        timedOut = false;
        foreach (var pattern in patterns)
        {
            try
            {
                if (pattern.IsMatch(value))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that runs out of time counts as no match rather than stalling the shard; not remembered,
                // so the next sample tries again.
                timedOut = true;
            }
        }

        return false;
    }
}
