using System.Globalization;

namespace Sluice.Engine.Flows;

/// <summary>
/// A compiled flow key or key function (<c>ipsource</c>, <c>group:ipsource:site</c>, <c>null:[country:ipsource]:unknown</c>).
/// Evaluating writes text into the caller's span and allocates nothing. An instance owns scratch buffers, so use one
/// compiled key from one thread at a time (one per shard).
/// </summary>
public abstract class FlowKey
{
    /// <summary>The longest key value handled; longer values count as missing.</summary>
    public const int MaxLength = 512;

    private protected FlowKey(string text) => Text = text;

    /// <summary>The key expression as written.</summary>
    public string Text { get; }

    /// <summary>Writes the value; returns its length, or -1 when the sample lacks it (the flow is then not counted).</summary>
    public abstract int Write(FlowSampleContext context, Span<char> destination);

    /// <summary>The value as raw address bytes (4/16) or MAC (6); -1 when missing or not an address.</summary>
    public virtual int WriteBytes(FlowSampleContext context, Span<byte> destination)
    {
        Span<char> text = stackalloc char[64];
        var length = Write(context, text);
        return length < 0 ? -1 : FlowFormat.ParseAddress(text[..length], destination);
    }

    /// <summary>The value as a number; false when missing or not numeric.</summary>
    public virtual bool TryGetNumber(FlowSampleContext context, out double value)
    {
        Span<char> text = stackalloc char[64];
        var length = Write(context, text);
        value = 0;
        return length >= 0 && double.TryParse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value as a string, or null when missing; allocates, for tests and diagnostics.</summary>
    public string? Evaluate(FlowSampleContext context)
    {
        var buffer = new char[MaxLength];
        var length = Write(context, buffer);
        return length < 0 ? null : new string(buffer, 0, length);
    }

    public override string ToString() => Text;
}
