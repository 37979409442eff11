using Sluice.Sflow.Datagrams;

namespace Sluice.Sflow.Records;

/// <summary>The outcome of walking one record body: how many bytes the layout used, and any error.</summary>
public readonly record struct RecordWalkResult(SflowDecodeErrorKind Error, int Consumed)
{
    public bool IsSuccess => Error == SflowDecodeErrorKind.None;
}
