namespace Sluice.Sflow.Datagrams;

/// <summary>What one call of <see cref="SflowDecoder.Decode{TVisitor}"/> found.</summary>
public readonly record struct SflowDecodeResult
{
    public SflowDecodeError Error { get; init; }

    public int Samples { get; init; }

    public int Records { get; init; }

    /// <summary>Samples of a type this decoder does not know, skipped by their length.</summary>
    public int UnknownSamples { get; init; }

    public bool IsSuccess => !Error.IsError;
}
