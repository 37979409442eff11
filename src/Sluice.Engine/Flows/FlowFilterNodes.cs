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

/// <summary><c>key=a,b</c> (any of) or <c>key!=a,b</c> (none of); the literal <c>null</c> stands for a missing value.</summary>
internal sealed class EqualsNode(FlowKey key, string[] values, bool matchesMissing, bool negate) : FilterNode
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
        }

        return any != negate;
    }
}

/// <summary>
/// <c>key~re</c> / <c>key!~re</c>: the whole value must match one of the patterns (Java <c>Pattern.matches</c>).
/// Patterns run on the non-backtracking engine, so no pattern can take more than linear time; a timeout guards the rest.
/// </summary>
internal sealed class RegexNode(FlowKey key, Regex[] patterns, bool negate) : FilterNode
{
    private readonly char[] _scratch = new char[FlowKey.MaxLength];

    public override bool Matches(FlowSampleContext context)
    {
        var length = key.Write(context, _scratch);
        var any = false;
        if (length >= 0)
        {
            var value = _scratch.AsSpan(0, length);
            foreach (var pattern in patterns)
            {
                try
                {
                    if (pattern.IsMatch(value))
                    {
                        any = true;
                        break;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pattern that runs out of time counts as no match rather than stalling the shard.
                }
            }
        }

        return any != negate;
    }
}
