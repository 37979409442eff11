namespace Sluice.Sflow.Datagrams;

/// <summary>
/// The fixed part of one sample. Port values are split into sFlow's format (top two bits of a
/// compact sample, or the explicit format word of an expanded one) and value, so
/// <c>format 0</c> is an ifIndex, 1 a drop code, 2 a count of ports ("multiple"), and the value
/// 0x3FFFFFFF means internal/unknown.
/// </summary>
public readonly record struct SflowSample
{
    public SflowTag Tag { get; init; }

    public SampleKind Kind { get; init; }

    /// <summary>Index of the sample within its datagram, from 0.</summary>
    public int Index { get; init; }

    /// <summary>Byte offset of the sample's tag within the datagram.</summary>
    public int Offset { get; init; }

    /// <summary>True for the expanded formats (0:3, 0:4) and discard samples, which carry explicit source class and port formats.</summary>
    public bool Expanded { get; init; }

    public uint SequenceNumber { get; init; }

    public uint SourceIdClass { get; init; }

    public uint SourceIdIndex { get; init; }

    /// <summary>Flow samples: the sampling rate (meanSkipCount); v2/v4 counters: the polling interval.</summary>
    public uint SamplingRate { get; init; }

    public uint SamplePool { get; init; }

    public uint Drops { get; init; }

    public uint InputFormat { get; init; }

    public uint Input { get; init; }

    public uint OutputFormat { get; init; }

    public uint Output { get; init; }

    /// <summary>Discard samples: the reason code (sflow_drops.txt).</summary>
    public uint DiscardReason { get; init; }

    /// <summary>Number of records the sample declares.</summary>
    public uint RecordCount { get; init; }

    /// <summary>v2/v4 counters samples: the INMCounters_version word.</summary>
    public uint LegacyCounterVersion { get; init; }
}
