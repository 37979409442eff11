namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// A FlowSpec rule as sFlow-RT takes it (<c>{match:{...}, then:{...}}</c>, sflow-rt-api.md §8.3): the NLRI that
/// identifies it, the actions, and the fields as they were given (what listings show).
/// </summary>
public sealed class FlowSpecRule
{
    private FlowSpecRule(FlowSpecNlri nlri, FlowSpecActions actions, IReadOnlyDictionary<string, string> match, IReadOnlyDictionary<string, string> then)
    {
        Nlri = nlri;
        Actions = actions;
        Match = match;
        Then = then;
    }

    public FlowSpecNlri Nlri { get; }

    public FlowSpecActions Actions { get; }

    public IReadOnlyDictionary<string, string> Match { get; }

    public IReadOnlyDictionary<string, string> Then { get; }

    /// <summary>Parses a rule; <paramref name="then"/> may be null or empty (a rule with no action only matches).</summary>
    /// <exception cref="FormatException">The message names the bad field.</exception>
    public static FlowSpecRule Parse(IReadOnlyDictionary<string, string> match, IReadOnlyDictionary<string, string>? then = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var nlri = FlowSpecMatch.Parse(match);
        var actions = FlowSpecActions.Parse(then, nlri.IsIPv6);
        return new FlowSpecRule(
            nlri,
            actions,
            new Dictionary<string, string>(match, StringComparer.Ordinal),
            then is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(then, StringComparer.Ordinal));
    }

    public override string ToString() =>
        $"{Nlri} then {string.Join(' ', Then.Select(p => $"{p.Key} {p.Value}"))}".TrimEnd();
}
