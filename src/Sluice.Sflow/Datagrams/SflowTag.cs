namespace Sluice.Sflow.Datagrams;

/// <summary>
/// An sFlow v5 data format: 20-bit enterprise and 12-bit format packed in one word
/// (sFlow v5, "data_format"), printed as <c>enterprise:format</c>.
/// </summary>
public readonly record struct SflowTag(uint Value)
{
    public SflowTag(uint enterprise, uint format)
        : this((enterprise << 12) | (format & 0xFFF))
    {
    }

    public uint Enterprise => Value >> 12;

    public uint Format => Value & 0xFFF;

    public override string ToString() => $"{Enterprise}:{Format}";

    /// <summary>Writes <c>enterprise:format</c> without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int written) =>
        destination.TryWrite($"{Enterprise}:{Format}", out written);
}
