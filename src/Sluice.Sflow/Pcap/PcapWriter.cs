using System.Buffers.Binary;

namespace Sluice.Sflow.Pcap;

/// <summary>
/// Writes the classic libpcap format (draft-ietf-opsawg-pcap), version 2.4. The global header is written by the
/// constructor, so an empty capture is still a valid file. One 16-byte scratch is reused for every record header:
/// writing a record does not allocate.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const uint MagicMicroseconds = 0xA1B2C3D4;
    private const uint MagicNanoseconds = 0xA1B23C4D;
    private const ushort VersionMajor = 2;
    private const ushort VersionMinor = 4;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly PcapWriterOptions _options;
    private readonly byte[] _scratch = new byte[24];
    private bool _disposed;

    public PcapWriter(Stream stream, PcapWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? new PcapWriterOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.SnapLength, nameof(options));
        if ((uint)_options.LinkType > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.LinkType, "link type must fit in 16 bits");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;

        var header = _scratch.AsSpan(0, 24);
        WriteUInt32(header, _options.Nanosecond ? MagicNanoseconds : MagicMicroseconds);
        WriteUInt16(header[4..], VersionMajor);
        WriteUInt16(header[6..], VersionMinor);
        WriteUInt32(header[8..], 0); // thiszone: always UTC
        WriteUInt32(header[12..], 0); // sigfigs: always 0
        WriteUInt32(header[16..], (uint)_options.SnapLength);
        WriteUInt32(header[20..], (uint)_options.LinkType);
        _stream.Write(header);
        if (_options.FlushEachRecord)
        {
            _stream.Flush();
        }
    }

    public PcapWriterOptions Options => _options;

    /// <summary>Number of records written.</summary>
    public long RecordCount { get; private set; }

    /// <summary>
    /// Writes one record. <paramref name="originalLength"/> is the length on the wire (default: data length).
    /// Data longer than the snaplen is cut to it, keeping the original length, as a capture would.
    /// An original length smaller than the captured length is raised to it, because readers treat
    /// incl_len &gt; orig_len as a corrupt record.
    /// </summary>
    public void WriteRecord(long timestampNs, ReadOnlySpan<byte> data, int originalLength = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNs);
        var seconds = timestampNs / NanosecondsPerSecond;
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampNs), timestampNs, "pcap seconds are 32-bit unsigned (until 2106)");
        }

        var fractionNs = timestampNs % NanosecondsPerSecond;
        var captured = data.Length > _options.SnapLength ? data[.._options.SnapLength] : data;
        var original = Math.Max(originalLength < 0 ? data.Length : originalLength, captured.Length);

        var header = _scratch.AsSpan(0, 16);
        WriteUInt32(header, (uint)seconds);
        WriteUInt32(header[4..], (uint)(_options.Nanosecond ? fractionNs : fractionNs / 1000));
        WriteUInt32(header[8..], (uint)captured.Length);
        WriteUInt32(header[12..], (uint)original);
        _stream.Write(header);
        _stream.Write(captured);
        RecordCount++;
        if (_options.FlushEachRecord)
        {
            _stream.Flush();
        }
    }

    /// <summary>Writes one record stamped with <paramref name="timestamp"/> (100 ns resolution).</summary>
    public void WriteRecord(DateTimeOffset timestamp, ReadOnlySpan<byte> data, int originalLength = -1) =>
        WriteRecord((timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, data, originalLength);

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteUInt16(Span<byte> destination, ushort value)
    {
        if (_options.BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
    }

    private void WriteUInt32(Span<byte> destination, uint value)
    {
        if (_options.BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
    }
}
