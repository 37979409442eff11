namespace Sluice.Engine.Flows;

/// <summary>
/// One flow key the decoded data carries (e.g. <c>ipsource</c>, <c>tcpflags</c>, <c>macsource.1</c>), with compiled
/// readers: its text, and where it has them its raw bytes (addresses, MACs) and its number.
/// </summary>
public sealed class FlowKeyField
{
    // Null for a numeric key, whose text is its number: one delegate call per sample rather than a text wrapper calling the number reader.
    private readonly FlowTextReader? _text;
    private readonly FlowBytesReader? _bytes;
    private readonly FlowNumberReader? _number;

    // Fields are created once, by the registry; the count numbers them for the per-sample text cache.
    private static int _created;

    internal FlowKeyField(string name, FlowTextReader? text, FlowBytesReader? bytes, FlowNumberReader? number, ulong groups)
    {
        Name = name;
        Groups = groups;
        Id = Interlocked.Increment(ref _created) - 1;
        if (text is null && number is null)
        {
            throw new ArgumentException("a key needs a text or a number reader", nameof(text));
        }

        _text = text;
        _bytes = bytes;
        _number = number;
    }

    public string Name { get; }

    /// <summary>The decoder groups that produce this key (<see cref="FlowKeyPresence"/>): it was seen when any of them was.</summary>
    internal ulong Groups { get; }

    /// <summary>A small number unique to this field: its slot in <see cref="FlowFieldTextCache"/>.</summary>
    internal int Id { get; }

    /// <summary>True for keys with a numeric value (usable as a flow value and in <c>range:</c>).</summary>
    public bool IsNumeric => _number is not null;

    /// <summary>True for address and MAC keys (usable in <c>group:</c>, <c>country:</c>, <c>mask:</c>, <c>oui:</c>).</summary>
    public bool HasBytes => _bytes is not null;

    /// <summary>Writes the key's sFlow-RT text form; returns the length, or -1 when the sample lacks the key or the span is too small.</summary>
    public int Write(FlowSampleContext context, Span<char> destination)
    {
        if (_text is not null)
        {
            return _text(context, destination);
        }

        return _number!(context, out var value) ? FlowFormat.Number(value, destination) : -1;
    }

    /// <summary>Writes the raw address or MAC; -1 when missing or the key has none.</summary>
    public int WriteBytes(FlowSampleContext context, Span<byte> destination) => _bytes is null ? -1 : _bytes(context, destination);

    /// <summary>Reads the numeric value; false when missing or the key is not numeric.</summary>
    public bool TryGetNumber(FlowSampleContext context, out long value)
    {
        if (_number is null)
        {
            value = 0;
            return false;
        }

        return _number(context, out value);
    }

    public override string ToString() => Name;
}
