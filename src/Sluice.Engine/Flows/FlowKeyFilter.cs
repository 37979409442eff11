namespace Sluice.Engine.Flows;

/// <summary>
/// The <c>filter</c> of <c>/activeflows</c> (sflow-rt-api.md §1.3: "select flow keys matching pattern"). sFlow-RT
/// does not document the pattern, so Sluice reads it as a filter expression (§3.5) over the flow's own keys: a
/// name on the left is one of the definition's key expressions as written (<c>ipsource</c>,
/// <c>group:ipsource:site</c>), or a key function over them (<c>mask:ipsource:24=10.1.2.0</c>), and is compared
/// with that part of each flow key (the key split at the definition's <c>fs</c>). <c>=</c>, <c>!=</c>, <c>~</c>,
/// <c>!~</c>, CIDR values, <c>&amp;</c>, <c>|</c> and brackets work as in a definition's filter. Anything else,
/// including a key the definition does not have, is a <see cref="FlowSyntaxException"/> (a 400 over REST), so a
/// misspelt filter never silently selects nothing.
/// </summary>
/// <remarks>Holds the parts of the key being tested, so one instance serves one query (one thread) at a time.</remarks>
public sealed class FlowKeyFilter
{
    private readonly FlowFilter _filter;
    private readonly string _separator;
    private readonly int _keyCount;
    // The filter nodes take a sample; keys over flow-key parts never read it.
    private readonly FlowSampleContext _noSample = new();
    private string[] _parts = [];

    private FlowKeyFilter(string text, IReadOnlyList<string> keys, string separator, FlowLanguageServices services)
    {
        _separator = separator;
        _keyCount = keys.Count;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            columns.TryAdd(keys[i], i);
        }

        _filter = FlowFilterParser.Parse(text, services with
        {
            KeyResolver = name => columns.TryGetValue(name, out var index) ? new PartKey(name, this, index) : null,
        });
    }

    public string Text => _filter.Text;

    /// <summary>Compiles <paramref name="text"/> for flows whose key expressions are <paramref name="keys"/>, joined by <paramref name="separator"/>.</summary>
    /// <exception cref="FlowSyntaxException">The filter does not parse, or names a key the flow does not have.</exception>
    public static FlowKeyFilter Parse(string text, IReadOnlyList<string> keys, string separator, FlowLanguageServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        return new FlowKeyFilter(text, keys, separator, services ?? FlowLanguageServices.None);
    }

    /// <summary>True when the flow key (its parts joined by the separator) passes; a key with the wrong number of parts does not.</summary>
    public bool Matches(string flowKey)
    {
        ArgumentNullException.ThrowIfNull(flowKey);
        _parts = _keyCount <= 1 ? [flowKey] : flowKey.Split(_separator);
        return _parts.Length == _keyCount && _filter.Matches(_noSample);
    }

    public override string ToString() => Text;

    /// <summary>One part of the flow key being tested.</summary>
    private sealed class PartKey(string text, FlowKeyFilter owner, int index) : FlowKey(text)
    {
        public override int Write(FlowSampleContext context, Span<char> destination) =>
            index < owner._parts.Length ? FlowFormat.Text(owner._parts[index], destination) : -1;
    }
}
