using System.Buffers.Binary;
using System.Globalization;

namespace Sluice.Sflow.Pcap;

/// <summary>
/// Reads the classic libpcap format (draft-ietf-opsawg-pcap) from any stream, seekable or not (stdin, pipes).
/// Accepts microsecond and nanosecond files in either byte order; refuses pcapng.
/// </summary>
/// <remarks>
/// Errors: a stream that is not classic pcap, or that ends inside a header or a record, or that claims an absurd
/// record length, raises <see cref="PcapFormatException"/> with its <see cref="PcapErrorKind"/> and byte offset.
/// A clean end of stream (exactly at a record boundary) makes <see cref="TryReadRecord"/> return false.
/// A truncated last record is an exception, not a silent false, because tcpdump warns about it and a short final
/// record is a sign the capture was cut (disk full, killed writer) that the user should hear about. Records read
/// before the exception remain valid results.
/// <para>
/// Buffer lifetime: one buffer is reused for every record and grows only when a larger record arrives, so steady
/// reading does not allocate. <see cref="PcapRecord.Data"/> is valid until the next <see cref="TryReadRecord"/>.
/// </para>
/// </remarks>
public sealed class PcapReader : IDisposable
{
    /// <summary>Records up to this size are always accepted, whatever the header's snaplen (libpcap's MAXIMUM_SNAPLEN).</summary>
    public const int DefaultMaxRecordLength = 262_144;

    /// <summary>
    /// A hostile header could announce snaplen 0xFFFFFFFF to make the cap meaningless, so the snaplen only raises the
    /// cap up to this ceiling.
    /// </summary>
    public const int AbsoluteMaxRecordLength = 16 * 1024 * 1024;

    // draft-ietf-opsawg-pcap §4: magic numbers as read in the file's own byte order.
    private const uint MagicMicroseconds = 0xA1B2C3D4;
    private const uint MagicNanoseconds = 0xA1B23C4D;

    // draft-ietf-opsawg-pcapng §4.1: Section Header Block type; the same in both byte orders.
    private const uint PcapngBlockType = 0x0A0D0D0A;

    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _bigEndian;
    private readonly int _maxRecordLength;
    private readonly byte[] _header = new byte[RecordHeaderLength];
    private byte[] _buffer;
    private long _offset;
    private long _index;
    private bool _disposed;

    /// <summary>Reads and validates the global header; throws <see cref="PcapFormatException"/> if it is not classic pcap.</summary>
    public PcapReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;

        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        var read = _stream.ReadAtLeast(header, GlobalHeaderLength, throwOnEndOfStream: false);
        if (read >= 4)
        {
            // Check the magic before the length so that a short pcapng or text file still gets the clear message.
            var magicLittle = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var magicBig = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (magicLittle == MagicMicroseconds || magicLittle == MagicNanoseconds)
            {
                _bigEndian = false;
                IsNanosecond = magicLittle == MagicNanoseconds;
            }
            else if (magicBig == MagicMicroseconds || magicBig == MagicNanoseconds)
            {
                _bigEndian = true;
                IsNanosecond = magicBig == MagicNanoseconds;
            }
            else if (magicBig == PcapngBlockType)
            {
                throw new PcapFormatException(
                    PcapErrorKind.Pcapng,
                    0,
                    "pcapng file (magic number = 0a0d0d0a) is not supported: convert it with 'editcap -F pcap IN OUT'");
            }
            else
            {
                throw new PcapFormatException(
                    PcapErrorKind.UnknownMagic,
                    0,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"not a classic pcap file (magic number = {magicBig:x8} instead of a1b2c3d4 or a1b23c4d)"));
            }
        }

        if (read < GlobalHeaderLength)
        {
            throw new PcapFormatException(
                PcapErrorKind.TruncatedGlobalHeader,
                0,
                string.Create(CultureInfo.InvariantCulture, $"pcap global header truncated: {read} of {GlobalHeaderLength} bytes"));
        }

        VersionMajor = ReadUInt16(header[4..]);
        VersionMinor = ReadUInt16(header[6..]);
        TimeZoneOffset = (int)ReadUInt32(header[8..]);
        SnapLength = ReadUInt32(header[16..]);
        var linkField = ReadUInt32(header[20..]);

        // draft-ietf-opsawg-pcap §4: LinkType is the low 16 bits; the high bits carry FCS-length information.
        LinkType = (int)(linkField & 0xFFFF);
        _offset = GlobalHeaderLength;

        _maxRecordLength = (int)Math.Clamp(SnapLength, DefaultMaxRecordLength, AbsoluteMaxRecordLength);
        _buffer = new byte[Math.Min(_maxRecordLength, 2048)];
    }

    /// <summary>LINKTYPE_ value of every record (see <see cref="PcapLinkTypes"/>).</summary>
    public int LinkType { get; }

    /// <summary>The snaplen from the global header.</summary>
    public uint SnapLength { get; }

    public int VersionMajor { get; }

    public int VersionMinor { get; }

    /// <summary>thiszone from the header; always 0 in practice and ignored for timestamps, as libpcap does.</summary>
    public int TimeZoneOffset { get; }

    /// <summary>True for the a1b23c4d magic: record fractions are nanoseconds instead of microseconds.</summary>
    public bool IsNanosecond { get; }

    /// <summary>True when the file was written big-endian (magic read as d4c3b2a1 little-endian).</summary>
    public bool IsBigEndian => _bigEndian;

    /// <summary>Largest captured length accepted for a record: max(snaplen, 262144), at most 16 MiB.</summary>
    public int MaxRecordLength => _maxRecordLength;

    /// <summary>Byte offset in the stream of the next record header.</summary>
    public long Offset => _offset;

    /// <summary>Number of records read so far.</summary>
    public long RecordCount => _index;

    /// <summary>
    /// Reads the next record. Returns false at a clean end of stream; throws <see cref="PcapFormatException"/> for a
    /// truncated or oversized record. The record's data is valid until the next call.
    /// </summary>
    public bool TryReadRecord(out PcapRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        record = default;
        var headerOffset = _offset;
        var read = _stream.ReadAtLeast(_header, RecordHeaderLength, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        if (read < RecordHeaderLength)
        {
            throw new PcapFormatException(
                PcapErrorKind.TruncatedRecord,
                headerOffset,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"truncated pcap record header: record {_index} at offset {headerOffset} has {read} of {RecordHeaderLength} bytes"));
        }

        var seconds = ReadUInt32(_header);
        var fraction = ReadUInt32(_header.AsSpan(4));
        var capturedLength = ReadUInt32(_header.AsSpan(8));
        var originalLength = ReadUInt32(_header.AsSpan(12));

        if (capturedLength > (uint)_maxRecordLength)
        {
            // Checked before any allocation: a hostile caplen must not make us allocate gigabytes.
            throw new PcapFormatException(
                PcapErrorKind.RecordTooLarge,
                headerOffset,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"pcap record {_index} at offset {headerOffset}: captured length {capturedLength} exceeds the limit {_maxRecordLength} (snaplen {SnapLength})"));
        }

        var length = (int)capturedLength;
        EnsureCapacity(length);
        var dataRead = _stream.ReadAtLeast(_buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
        if (dataRead < length)
        {
            throw new PcapFormatException(
                PcapErrorKind.TruncatedRecord,
                headerOffset,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"truncated pcap record: record {_index} at offset {headerOffset} has {dataRead} of {length} captured bytes"));
        }

        _offset += RecordHeaderLength + length;

        // Microsecond files can carry a fraction >= 10^6 from sloppy writers; keep it as a carry, not garbage.
        long nanoseconds = IsNanosecond ? fraction : fraction * 1000L;
        long wholeSeconds = seconds + (nanoseconds / 1_000_000_000);
        nanoseconds %= 1_000_000_000;

        // orig_len above int range is nonsense; saturate rather than wrap negative.
        var original = originalLength > int.MaxValue ? int.MaxValue : (int)originalLength;
        record = new PcapRecord(_index, wholeSeconds, (int)nanoseconds, original, new ReadOnlyMemory<byte>(_buffer, 0, length));
        _index++;
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void EnsureCapacity(int length)
    {
        if (_buffer.Length >= length)
        {
            return;
        }

        // Grow by doubling so a file of slowly growing records does not reallocate every time; never past the cap.
        var size = Math.Max(length, Math.Min(_buffer.Length * 2, _maxRecordLength));
        _buffer = new byte[size];
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> source) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source) : BinaryPrimitives.ReadUInt16LittleEndian(source);

    private uint ReadUInt32(ReadOnlySpan<byte> source) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source) : BinaryPrimitives.ReadUInt32LittleEndian(source);
}
