using Sluice.Sflow.Packets;

namespace Sluice.Engine.Flows;

/// <summary>
/// A compiled flow value (sflow-rt-api.md §3.2): <c>bytes</c>, <c>frames</c>, <c>requests</c>, a numeric key
/// (<c>ipbytes</c>) or a value function <c>count:</c>/<c>avg:</c>/<c>min:</c>/<c>max:</c> over a key.
/// </summary>
public sealed class FlowValue
{
    private readonly Source _source;

    // The counted key's text, written per sample for count:; owned here because a compiled flow belongs to one shard.
    private readonly char[]? _scratch;

    private FlowValue(string text, FlowValueKind kind, Source source, FlowKey? key)
    {
        Text = text;
        Kind = kind;
        _source = source;
        Key = key;
        _scratch = kind == FlowValueKind.Count ? new char[FlowKey.MaxLength] : null;
    }

    private enum Source
    {
        Bytes,
        Frames,
        Requests,
        Key,
    }

    public string Text { get; }

    public FlowValueKind Kind { get; }

    /// <summary>The key a value function or numeric value reads; for <see cref="FlowValueKind.Count"/> its text is what is counted.</summary>
    public FlowKey? Key { get; }

    /// <exception cref="FlowSyntaxException">Unknown value, function or key.</exception>
    public static FlowValue Parse(string text, FlowLanguageServices? services = null) => Parse(text, 0, services ?? FlowLanguageServices.None);

    internal static FlowValue Parse(string text, int offset, FlowLanguageServices services)
    {
        var trimmed = text.Trim();
        offset += text.IndexOf(trimmed, StringComparison.Ordinal);
        switch (trimmed)
        {
            case "bytes":
                return new FlowValue(trimmed, FlowValueKind.Sum, Source.Bytes, null);
            case "frames":
                return new FlowValue(trimmed, FlowValueKind.Sum, Source.Frames, null);
            case "requests":
                return new FlowValue(trimmed, FlowValueKind.Sum, Source.Requests, null);
            case "":
                throw new FlowSyntaxException("empty value", offset, text);
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var function = colon < 0 ? string.Empty : trimmed[..colon];
        FlowValueKind? kind = function switch
        {
            "count" => FlowValueKind.Count,
            "avg" => FlowValueKind.Average,
            "min" => FlowValueKind.Minimum,
            "max" => FlowValueKind.Maximum,
            _ => null,
        };
        if (kind is { } k)
        {
            var key = FlowKeyParser.Parse(trimmed[(colon + 1)..], offset + colon + 1, services);
            // Addresses and MACs never read as numbers: averaging one is a mistake worth a 400, not a silent 0.
            return k != FlowValueKind.Count && key is FieldKey { Field.HasBytes: true }
                ? throw new FlowSyntaxException($"'{function}' needs a numeric flow key", offset + colon + 1, key.Text)
                : new FlowValue(trimmed, k, Source.Key, key);
        }

        if (colon < 0 && FlowKeys.TryGet(trimmed, out var field))
        {
            return field.IsNumeric
                ? new FlowValue(trimmed, FlowValueKind.Sum, Source.Key, new FieldKey(trimmed, field))
                : throw new FlowSyntaxException("flow key is not numeric", offset, trimmed);
        }

        throw new FlowSyntaxException(colon < 0 ? "unknown value" : "unknown value function", offset, colon < 0 ? trimmed : function);
    }

    /// <summary>
    /// The sample's value before scaling by the sampling rate: frame length, 1 frame, 1 request (a DNS query or an
    /// ARP request), or the key's number (1 for <c>count:</c>). False when the key is missing: the sample then adds nothing.
    /// </summary>
    public bool TryEvaluate(FlowSampleContext context, out double value)
    {
        switch (_source)
        {
            case Source.Bytes:
                value = context.FrameLength;
                return true;
            case Source.Frames:
                value = 1;
                return true;
            case Source.Requests:
                ref var packet = ref context.Packet;
                var request = (packet.HasDns && !packet.DnsIsResponse) || (packet.Outer.Has(PacketLayers.Arp) && packet.Outer.ArpOperation == 1);
                value = request ? 1 : 0;
                return true;
            default:
                if (Kind == FlowValueKind.Count)
                {
                    Span<char> scratch = stackalloc char[FlowKey.MaxLength];
                    value = 1;
                    return Key!.Write(context, scratch) >= 0;
                }

                return Key!.TryGetNumber(context, out value);
        }
    }

    /// <summary>
    /// What the sample contributes to this value: its number (as <see cref="TryEvaluate"/>), or for <c>count:</c> the
    /// hash of the key's text. False when the sample lacks the key.
    /// </summary>
    public bool TryMeasure(FlowSampleContext context, out FlowMeasure measure)
    {
        if (_scratch is not null)
        {
            var length = Key!.Write(context, _scratch);
            measure = length < 0 ? default : FlowMeasure.Distinct(FlowHash.Of(_scratch.AsSpan(0, length)));
            return length >= 0;
        }

        if (TryEvaluate(context, out var value))
        {
            measure = FlowMeasure.Of(value);
            return true;
        }

        measure = default;
        return false;
    }

    public override string ToString() => Text;
}
