using System.Buffers.Binary;
using Sluice.Sflow.Pcap;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class PcapReaderTests
{
    private const long BaseNs = 1_700_000_000_123_456_789;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TryReadRecord_WriterOutput_RoundTrips(bool bigEndian, bool nanosecond)
    {
        var frames = new[] { TestFrames.Payload(60, 1), TestFrames.Payload(1514, 2), [], TestFrames.Payload(9000, 3) };
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, new PcapWriterOptions { BigEndian = bigEndian, Nanosecond = nanosecond, LinkType = 113, SnapLength = 9000 }, leaveOpen: true))
        {
            for (var i = 0; i < frames.Length; i++)
            {
                writer.WriteRecord(BaseNs + (i * 1_000_000_001L), frames[i], frames[i].Length + i);
            }
        }

        stream.Position = 0;
        using var reader = new PcapReader(stream);
        Assert.Equal(bigEndian, reader.IsBigEndian);
        Assert.Equal(nanosecond, reader.IsNanosecond);
        Assert.Equal(2, reader.VersionMajor);
        Assert.Equal(4, reader.VersionMinor);
        Assert.Equal(113, reader.LinkType);
        Assert.Equal(9000u, reader.SnapLength);
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.True(reader.TryReadRecord(out var record));
            var expectedNs = BaseNs + (i * 1_000_000_001L);
            if (!nanosecond)
            {
                expectedNs -= expectedNs % 1000;
            }

            Assert.Equal(i, record.Index);
            Assert.Equal(expectedNs, record.TimestampNs);
            Assert.Equal(expectedNs / 1_000_000_000, record.TimestampSeconds);
            Assert.Equal(frames[i], record.Span.ToArray());
            Assert.Equal(frames[i].Length, record.CapturedLength);
            Assert.Equal(frames[i].Length + i, record.OriginalLength);
            Assert.Equal(i > 0, record.IsCut);
        }

        Assert.False(reader.TryReadRecord(out _));
        Assert.False(reader.TryReadRecord(out _));
    }

    [Fact]
    public void Constructor_HandBuiltBigEndianMicrosecondFile_ReadsHeaderAndRecord()
    {
        // Big-endian file as a SPARC or PowerPC tcpdump writes it.
        byte[] file =
        [
            0xA1, 0xB2, 0xC3, 0xD4, 0x00, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1,
            0x65, 0x53, 0xF1, 0x00, 0x00, 0x00, 0x00, 0x2A, 0, 0, 0, 3, 0, 0, 0, 4, 0xAA, 0xBB, 0xCC,
        ];
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.True(reader.IsBigEndian);
        Assert.False(reader.IsNanosecond);
        Assert.Equal(65535u, reader.SnapLength);
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(0x6553F100, record.TimestampSeconds);
        Assert.Equal(42, record.TimestampMicroseconds);
        Assert.Equal(42_000, record.TimestampNanoseconds);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, record.Span.ToArray());
        Assert.Equal(4, record.OriginalLength);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x6553F100).AddTicks(420), record.Timestamp);
    }

    [Fact]
    public void Constructor_Pcapng_ThrowsWithMagic()
    {
        byte[] file = [0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x1C, 0, 0, 0];
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(file)));
        Assert.Equal(PcapErrorKind.Pcapng, error.Kind);
        Assert.Contains("0a0d0d0a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortPcapng_StillSaysPcapng()
    {
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream([0x0A, 0x0D, 0x0D, 0x0A, 0, 0])));
        Assert.Equal(PcapErrorKind.Pcapng, error.Kind);
    }

    [Fact]
    public void Constructor_TextFile_ThrowsUnknownMagicWithValue()
    {
        var file = "hello, this is not a capture file"u8.ToArray();
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(file)));
        Assert.Equal(PcapErrorKind.UnknownMagic, error.Kind);
        Assert.Contains("68656c6c", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(23)]
    public void Constructor_ShortHeader_ThrowsTruncatedGlobalHeader(int length)
    {
        var file = TestFrames.Capture([]).AsSpan(0, length).ToArray();
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(file)));
        Assert.Equal(PcapErrorKind.TruncatedGlobalHeader, error.Kind);
    }

    [Fact]
    public void Constructor_LinkTypeWithFcsBits_KeepsLow16Bits()
    {
        var file = TestFrames.Capture([]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), 0x1400_0001); // FCS length 4 flagged, Ethernet
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.Equal(1, reader.LinkType);
    }

    [Theory]
    [InlineData(10)] // inside the record header
    [InlineData(16)] // header complete, no data
    [InlineData(30)] // inside the data
    public void TryReadRecord_TruncatedLastRecord_ThrowsAfterGoodRecords(int keepOfLast)
    {
        var file = TestFrames.Capture([TestFrames.Payload(100), TestFrames.Payload(50)]);
        var cut = file.AsSpan(0, 24 + 16 + 100 + keepOfLast).ToArray();
        using var reader = new PcapReader(new MemoryStream(cut));
        Assert.True(reader.TryReadRecord(out _));
        var error = Assert.Throws<PcapFormatException>(() => reader.TryReadRecord(out _));
        Assert.Equal(PcapErrorKind.TruncatedRecord, error.Kind);
        Assert.Equal(24 + 16 + 100, error.Offset);
        Assert.Contains("record 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRecord_HostileCaptureLength_ThrowsWithoutAllocating()
    {
        var file = TestFrames.Capture([TestFrames.Payload(10)]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 8), 0x7FFF_FFF0);
        using var reader = new PcapReader(new MemoryStream(file));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<PcapFormatException>(() => reader.TryReadRecord(out _));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(PcapErrorKind.RecordTooLarge, error.Kind);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryReadRecord_HostileSnapLength_CapStillApplies()
    {
        var file = TestFrames.Capture([TestFrames.Payload(10)]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 8), 100_000_000);
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.Equal(PcapReader.AbsoluteMaxRecordLength, reader.MaxRecordLength);
        Assert.Equal(PcapErrorKind.RecordTooLarge, Assert.Throws<PcapFormatException>(() => reader.TryReadRecord(out _)).Kind);
    }

    [Fact]
    public void TryReadRecord_RecordAboveSnapLengthButBelowDefaultCap_IsAccepted()
    {
        // libpcap accepts records up to 262144 bytes whatever the snaplen says.
        var file = TestFrames.Capture([TestFrames.Payload(200_000)], new PcapWriterOptions { SnapLength = 262_144 });
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 1500);
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(200_000, record.CapturedLength);
    }

    [Fact]
    public void TryReadRecord_NonSeekableTricklingStream_ReadsEverything()
    {
        var frames = Enumerable.Range(0, 20).Select(i => TestFrames.Payload(i * 37, (byte)i)).ToArray();
        var file = TestFrames.Capture(frames, new PcapWriterOptions { Nanosecond = true });
        using var reader = new PcapReader(new TestFrames.TricklingStream(file, 3));
        var count = 0;
        while (reader.TryReadRecord(out var record))
        {
            Assert.Equal(frames[count], record.Span.ToArray());
            count++;
        }

        Assert.Equal(frames.Length, count);
        Assert.Equal(file.Length, reader.Offset);
    }

    [Fact]
    public void TryReadRecord_MicrosecondFractionOverflow_CarriesIntoSeconds()
    {
        var file = TestFrames.Capture([TestFrames.Payload(4)]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), 100);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), 2_500_000);
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(102, record.TimestampSeconds);
        Assert.Equal(500_000_000, record.TimestampNanoseconds);
    }

    [Fact]
    public void TryReadRecord_SteadyState_DoesNotAllocate()
    {
        // The largest record comes first, so the buffer reaches its final size before measuring.
        var file = TestFrames.Capture(Enumerable.Range(0, 500).Select(i => TestFrames.Payload(1463 - (i % 1400), (byte)i)));
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.True(reader.TryReadRecord(out _));
        long bytes = 0;
        SteadyState.AssertAllocatesNothing(150, _ =>
        {
            Assert.True(reader.TryReadRecord(out var record));
            bytes += record.Span[^1];
        });

        Assert.True(bytes > 0);
    }

    [Fact]
    public void TryReadRecord_DataIsReusedBuffer_OverwrittenByNextRead()
    {
        var file = TestFrames.Capture([[1, 2, 3], [9, 8, 7]]);
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.True(reader.TryReadRecord(out var first));
        Assert.True(reader.TryReadRecord(out _));
        Assert.Equal(new byte[] { 9, 8, 7 }, first.Span.ToArray());
    }

    [Fact]
    public void TryReadRecord_AfterDispose_Throws()
    {
        var reader = new PcapReader(new MemoryStream(TestFrames.Capture([[1]])));
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.TryReadRecord(out _));
    }

    [Fact]
    public void TryReadRecord_RandomBytes_ThrowOnlyPcapFormatException()
    {
        var random = new Random(6343);
        var valid = TestFrames.Capture([TestFrames.Payload(100), TestFrames.Payload(30), TestFrames.Payload(5)]);
        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var file = (byte[])valid.Clone();
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                file[random.Next(file.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(2) == 0 ? file.Length : random.Next(file.Length);
            try
            {
                using var reader = new PcapReader(new MemoryStream(file, 0, length));
                while (reader.TryReadRecord(out var record))
                {
                    Assert.True(record.CapturedLength <= reader.MaxRecordLength);
                }
            }
            catch (PcapFormatException)
            {
            }
        }
    }
}
