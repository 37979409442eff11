using Sluice.Sflow.Pcap;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class PcapWriterTests
{
    [Fact]
    public void Constructor_Defaults_WritesSflowtoolHeader()
    {
        using var stream = new MemoryStream();
        using (new PcapWriter(stream, leaveOpen: true))
        {
        }

        // a1b2c3d4 little-endian, 2.4, thiszone 0, sigfigs 0, snaplen 65536, linktype 1 (sflowtool.md §3.7).
        byte[] expected = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x01, 0x00, 1, 0, 0, 0];
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void Constructor_NanosecondBigEndian_WritesNanosecondMagic()
    {
        using var stream = new MemoryStream();
        using (new PcapWriter(stream, new PcapWriterOptions { Nanosecond = true, BigEndian = true, LinkType = 276, SnapLength = 1500 }, leaveOpen: true))
        {
        }

        byte[] expected = [0xA1, 0xB2, 0x3C, 0x4D, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0xDC, 0, 0, 0x01, 0x14];
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void WriteRecord_Microsecond_WritesHeaderAndData()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.WriteRecord(1_000_000_002_123_456_789, [0xAB, 0xCD], 70);
            Assert.Equal(1, writer.RecordCount);
        }

        var record = stream.ToArray().AsSpan(24).ToArray();
        byte[] expected = [0x02, 0xCA, 0x9A, 0x3B, 0x40, 0xE2, 0x01, 0x00, 2, 0, 0, 0, 70, 0, 0, 0, 0xAB, 0xCD];
        Assert.Equal(expected, record); // 1000000002 s, 123456 µs
    }

    [Fact]
    public void WriteRecord_DataLongerThanSnapLength_IsCutKeepingOriginalLength()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, new PcapWriterOptions { SnapLength = 10 }, leaveOpen: true))
        {
            writer.WriteRecord(0, TestFrames.Payload(100));
        }

        stream.Position = 0;
        using var reader = new PcapReader(stream);
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(10, record.CapturedLength);
        Assert.Equal(100, record.OriginalLength);
    }

    [Fact]
    public void WriteRecord_OriginalShorterThanData_IsRaisedToCapturedLength()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.WriteRecord(0, TestFrames.Payload(64), 60);
        }

        stream.Position = 0;
        using var reader = new PcapReader(stream);
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(64, record.OriginalLength);
    }

    [Fact]
    public void WriteRecord_DateTimeOffset_MatchesNanosecondOverload()
    {
        var timestamp = new DateTimeOffset(2026, 11, 26, 15, 40, 1, TimeSpan.Zero).AddTicks(1234567);
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, new PcapWriterOptions { Nanosecond = true }, leaveOpen: true))
        {
            writer.WriteRecord(timestamp, [1]);
        }

        stream.Position = 0;
        using var reader = new PcapReader(stream);
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(timestamp, record.Timestamp);
        Assert.Equal(123_456_700, record.TimestampNanoseconds);
    }

    [Fact]
    public void WriteRecord_NegativeOrBeyond2106_Throws()
    {
        using var writer = new PcapWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteRecord(-1, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteRecord((uint.MaxValue + 1L) * 1_000_000_000, [1]));
    }

    [Fact]
    public void WriteRecord_FlushEachRecord_FlushesEveryRecord()
    {
        var stream = new CountingStream();
        using (var writer = new PcapWriter(stream, new PcapWriterOptions { FlushEachRecord = true }, leaveOpen: true))
        {
            Assert.Equal(1, stream.Flushes);
            writer.WriteRecord(0, [1]);
            writer.WriteRecord(0, [2]);
            Assert.Equal(3, stream.Flushes);
        }

        var quiet = new CountingStream();
        using (var writer = new PcapWriter(quiet, leaveOpen: true))
        {
            writer.WriteRecord(0, [1]);
            writer.WriteRecord(0, [2]);
            Assert.Equal(0, quiet.Flushes);
        }
    }

    [Fact]
    public void WriteRecord_SteadyState_DoesNotAllocate()
    {
        var payload = TestFrames.Payload(1500);
        using var stream = new MemoryStream(new byte[2_000_000]);
        using var writer = new PcapWriter(stream, leaveOpen: true);
        writer.WriteRecord(1, payload);
        SteadyState.AssertAllocatesNothing(300, i => writer.WriteRecord(1_700_000_000_000_000_000 + i, payload));
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndClosesStream()
    {
        var stream = new MemoryStream();
        var writer = new PcapWriter(stream);
        writer.Dispose();
        writer.Dispose();
        Assert.False(stream.CanWrite);
        Assert.Throws<ObjectDisposedException>(() => writer.WriteRecord(0, [1]));
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
