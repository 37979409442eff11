namespace Sluice.Sflow.Pcap;

/// <summary>
/// One pcap record. <see cref="Data"/> points into the reader's reused buffer: it is valid only until the next
/// call to <see cref="PcapReader.TryReadRecord"/> (or until the reader is disposed). Copy it to keep it.
/// </summary>
public readonly struct PcapRecord : IEquatable<PcapRecord>
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public PcapRecord(long index, long timestampSeconds, int timestampNanoseconds, int originalLength, ReadOnlyMemory<byte> data)
    {
        Index = index;
        TimestampSeconds = timestampSeconds;
        TimestampNanoseconds = timestampNanoseconds;
        OriginalLength = originalLength;
        Data = data;
    }

    /// <summary>Zero-based position of the record in the file.</summary>
    public long Index { get; }

    /// <summary>Seconds since the Unix epoch (UTC), as written in the record header.</summary>
    public long TimestampSeconds { get; }

    /// <summary>Fraction of the second in nanoseconds (microsecond files are scaled by 1000).</summary>
    public int TimestampNanoseconds { get; }

    /// <summary>Microsecond part, as sflowtool prints it in pcapTimestamp_uS.</summary>
    public int TimestampMicroseconds => TimestampNanoseconds / 1000;

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long TimestampNs => (TimestampSeconds * NanosecondsPerSecond) + TimestampNanoseconds;

    /// <summary>The timestamp as a UTC <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNs / 100);

    /// <summary>Bytes captured (incl_len); equal to <see cref="Data"/>.Length.</summary>
    public int CapturedLength => Data.Length;

    /// <summary>Length of the packet on the wire (orig_len); larger than the captured length when snaplen cut it.</summary>
    public int OriginalLength { get; }

    /// <summary>True when the capture cut the packet short (incl_len &lt; orig_len).</summary>
    public bool IsCut => Data.Length < OriginalLength;

    /// <summary>Captured bytes, over the reader's reused buffer: valid until the next read.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Captured bytes as a span; same lifetime as <see cref="Data"/>.</summary>
    public ReadOnlySpan<byte> Span => Data.Span;

    public bool Equals(PcapRecord other) =>
        Index == other.Index && TimestampSeconds == other.TimestampSeconds
        && TimestampNanoseconds == other.TimestampNanoseconds && OriginalLength == other.OriginalLength
        && Data.Equals(other.Data);

    public override bool Equals(object? obj) => obj is PcapRecord other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Index, TimestampSeconds, TimestampNanoseconds, OriginalLength);

    public static bool operator ==(PcapRecord left, PcapRecord right) => left.Equals(right);

    public static bool operator !=(PcapRecord left, PcapRecord right) => !left.Equals(right);
}
