namespace Sluice.Engine.Flows;

/// <summary>
/// A compiled <see cref="FlowDefinition"/>: what the flow table runs per sample. Evaluation allocates nothing;
/// the instance owns scratch buffers, so each shard compiles its own copy.
/// </summary>
public sealed class CompiledFlow
{
    // The per-sample path reads the arrays: a call through IReadOnlyList costs an interface dispatch per key.
    private readonly FlowKey[] _keys;
    private readonly FlowValue[] _values;
    private readonly string _separator;
    private readonly bool _dropped;

    internal CompiledFlow(FlowDefinition definition, FlowKey[] keys, FlowValue value, FlowValue[] values, FlowFilter? filter, int n, double t)
    {
        _keys = keys;
        _values = values;
        _separator = definition.Fs;
        _dropped = definition.Dropped;
        Definition = definition;
        Keys = keys;
        Value = value;
        Values = values;
        Filter = filter;
        N = n;
        T = t;
        var kinds = new FlowValueKind[1 + values.Length];
        kinds[0] = value.Kind;
        for (var i = 0; i < values.Length; i++)
        {
            kinds[i + 1] = values[i].Kind;
        }

        Kinds = kinds;
    }

    public FlowDefinition Definition { get; }

    public IReadOnlyList<FlowKey> Keys { get; }

    public FlowValue Value { get; }

    public IReadOnlyList<FlowValue> Values { get; }

    public FlowFilter? Filter { get; }

    /// <summary>The kind of <see cref="Value"/>, then of each of <see cref="Values"/>: the columns of this flow's tables.</summary>
    public IReadOnlyList<FlowValueKind> Kinds { get; }

    /// <summary>Top-n, clamped to 5..20.</summary>
    public int N { get; }

    /// <summary>Smoothing time constant in seconds, clamped to 0.1..600.</summary>
    public double T { get; }

    /// <summary>True when the sample is of the right kind (packet or dropped) and passes the filter.</summary>
    public bool Accepts(FlowSampleContext context) =>
        context.Dropped == _dropped && (Filter is null || Filter.Matches(context));

    /// <summary>
    /// Writes the flow key string: the key values joined by <see cref="FlowDefinition.Fs"/>. Returns its length,
    /// or -1 when a key is missing (the sample does not count toward this flow) or <paramref name="destination"/> is too small.
    /// With no keys the string is empty.
    /// </summary>
    public int WriteKey(FlowSampleContext context, Span<char> destination)
    {
        var written = 0;
        var separator = _separator.AsSpan();
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                if (separator.Length == 1 && written < destination.Length)
                {
                    // The usual "," without a general copy.
                    destination[written++] = separator[0];
                }
                else if (separator.TryCopyTo(destination[written..]))
                {
                    written += separator.Length;
                }
                else
                {
                    return -1;
                }
            }

            var length = keys[i].Write(context, destination[written..]);
            if (length < 0)
            {
                return -1;
            }

            written += length;
        }

        return written;
    }

    /// <summary>
    /// Filter, key and value in one call: false when the sample does not count. <paramref name="value"/> is the sample's
    /// value before scaling by the sampling rate.
    /// </summary>
    public bool TryEvaluate(FlowSampleContext context, Span<char> keyDestination, out int keyLength, out double value)
    {
        value = 0;
        keyLength = -1;
        if (!Accepts(context))
        {
            return false;
        }

        keyLength = WriteKey(context, keyDestination);
        return keyLength >= 0 && Value.TryEvaluate(context, out value);
    }

    /// <summary>
    /// Filter, key, value and values in one call: false when the sample does not count (filtered out, or the key or
    /// the <c>value</c> is missing). <paramref name="measures"/> (length <see cref="Kinds"/>.Count) receives the value
    /// then each of the values; a value the sample lacks is left <c>default</c> and the sample still counts.
    /// </summary>
    public bool TryEvaluate(FlowSampleContext context, Span<char> keyDestination, Span<FlowMeasure> measures, out int keyLength)
    {
        keyLength = -1;
        if (!Accepts(context))
        {
            return false;
        }

        keyLength = WriteKey(context, keyDestination);
        if (keyLength < 0 || !Value.TryMeasure(context, out measures[0]))
        {
            return false;
        }

        var values = _values;
        for (var i = 0; i < values.Length; i++)
        {
            values[i].TryMeasure(context, out measures[i + 1]);
        }

        return true;
    }
}
