using System.Globalization;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>
/// Where and why decoding a datagram stopped. Carries enough context to find the bad bytes:
/// the agent, sequence number, sample index and tag, record index and tag, and byte offset.
/// </summary>
public readonly record struct SflowDecodeError
{
    public SflowDecodeErrorKind Kind { get; init; }

    public int Offset { get; init; }

    public SflowAddress Agent { get; init; }

    public uint SequenceNumber { get; init; }

    /// <summary>Index of the sample being decoded, or -1 when the error is in the datagram header.</summary>
    public int SampleIndex { get; init; }

    public SflowTag SampleTag { get; init; }

    /// <summary>
    /// True when the sample's tag was read but the sample was cut short before its fixed fields were complete,
    /// so no visitor saw it: a formatter can still show which sample was being read.
    /// </summary>
    public bool InSampleHeader { get; init; }

    /// <summary>Index of the record being decoded, or -1 outside a record.</summary>
    public int RecordIndex { get; init; }

    public SflowTag RecordTag { get; init; }

    /// <summary>For <see cref="SflowDecodeErrorKind.LengthMismatch"/>: the declared and the used length.</summary>
    public int Expected { get; init; }

    public int Found { get; init; }

    public bool IsError => Kind != SflowDecodeErrorKind.None;

    public override string ToString()
    {
        if (!IsError)
        {
            return "ok";
        }

        var where = SampleIndex < 0
            ? "datagram header"
            : RecordIndex < 0
                ? string.Create(CultureInfo.InvariantCulture, $"sample {SampleIndex} ({SampleTag})")
                : string.Create(CultureInfo.InvariantCulture, $"sample {SampleIndex} ({SampleTag}) record {RecordIndex} ({RecordTag})");
        var detail = Kind == SflowDecodeErrorKind.LengthMismatch
            ? string.Create(CultureInfo.InvariantCulture, $" (declared {Expected}, found {Found})")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"agent {Agent} seq {SequenceNumber} {where} at offset {Offset}: {Kind}{detail}");
    }
}
