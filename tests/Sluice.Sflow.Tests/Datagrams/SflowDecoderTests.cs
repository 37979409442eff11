using System.Buffers.Binary;
using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

public sealed class SflowDecoderTests
{
    [Fact]
    public void Decode_FlowDatagram_ReportsHeaderSamplesAndRecords()
    {
        var datagram = TestDatagrams.FlowDatagram(samples: 7, sequence: 42);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(7, result.Samples);
        Assert.Equal(14, result.Records);
        var header = Assert.NotNull(visitor.Header);
        Assert.Equal(5u, header.Version);
        Assert.Equal("192.0.2.10", header.Agent.ToString());
        Assert.Equal(42u, header.SequenceNumber);
        Assert.Equal(123456u, header.Uptime);
        Assert.Equal(7u, header.SampleCount);
        Assert.Equal(7, visitor.EndedSamples.Count);
        var third = visitor.Samples[2];
        Assert.Equal(SampleKind.Flow, third.Kind);
        Assert.True(third.Expanded);
        Assert.Equal(1002u, third.SequenceNumber);
        Assert.Equal(1024u, third.SamplingRate);
        Assert.Equal(3u * 1024, third.SamplePool);
        Assert.Equal(3u, third.Input);
        Assert.Equal(7u, third.Output);
        Assert.Equal(FlowRecordTags.SampledHeader, visitor.Records[4].Tag);
        Assert.Equal(FlowRecordTags.ExtendedSwitch, visitor.Records[5].Tag);
        Assert.Equal(16 + 128, visitor.Records[4].Body.Length);
        Assert.Equal(3, visitor.Records[4].Body[16 + 29]);
    }

    [Fact]
    public void Decode_CompactSample_SplitsSourceIdAndPortFormats()
    {
        var buffer = new byte[512];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(TestDatagrams.Agent, 1, 1, 1);
        writer.BeginFlowSample(
            new SflowSample { SequenceNumber = 9, SourceIdClass = 2, SourceIdIndex = 0x123456, SamplingRate = 10, Input = 5, OutputFormat = 2, Output = 7 },
            expanded: false);
        writer.EndSample();
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(writer.Finish(), ref visitor);

        Assert.True(result.IsSuccess);
        var sample = Assert.Single(visitor.Samples);
        Assert.Equal(SampleTags.FlowSample, sample.Tag);
        Assert.False(sample.Expanded);
        Assert.Equal(2u, sample.SourceIdClass);
        Assert.Equal(0x123456u, sample.SourceIdIndex);
        Assert.Equal(0u, sample.InputFormat);
        Assert.Equal(5u, sample.Input);
        Assert.Equal(2u, sample.OutputFormat);
        Assert.Equal(7u, sample.Output);
    }

    [Fact]
    public void Decode_IPv6Agent_ReadsSixteenByteAddress()
    {
        var buffer = new byte[256];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(SflowAddress.FromIPAddress(IPAddress.Parse("2001:db8::1")), 7, 3, 9);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(writer.Finish(), ref visitor);

        Assert.True(result.IsSuccess);
        Assert.Equal("2001:db8::1", visitor.Header!.Value.Agent.ToString());
        Assert.Equal(7u, visitor.Header!.Value.SubAgentId);
    }

    [Fact]
    public void Decode_UnsupportedVersion_ReportsOffsetZero()
    {
        var datagram = TestDatagrams.FlowDatagram(1);
        BinaryPrimitives.WriteUInt32BigEndian(datagram, 9);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.UnsupportedVersion, result.Error.Kind);
        Assert.Equal(0, result.Error.Offset);
        Assert.Equal(-1, result.Error.SampleIndex);
        Assert.Null(visitor.Header);
    }

    [Fact]
    public void Decode_BadAgentAddressType_ReportsIt()
    {
        var datagram = TestDatagrams.FlowDatagram(1);
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(4), 7);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.BadAddressType, result.Error.Kind);
        Assert.Equal(8, result.Error.Offset);
    }

    [Fact]
    public void Decode_TruncatedAtEveryLength_StopsWithContextAndNeverOverreads()
    {
        var datagram = TestDatagrams.FlowDatagram(3);
        for (var length = 0; length < datagram.Length; length++)
        {
            var visitor = new RecordingVisitor();
            var result = SflowDecoder.Decode(datagram.AsSpan(0, length), ref visitor);

            Assert.False(result.IsSuccess);
            Assert.Equal(SflowDecodeErrorKind.Truncated, result.Error.Kind);
            Assert.InRange(result.Error.Offset, 0, length);
            Assert.All(visitor.Records, r => Assert.True(r.Offset + r.Body.Length <= length));
        }
    }

    [Fact]
    public void Decode_SampleLongerThanItsRecords_ReportsLengthMismatchWithSampleContext()
    {
        var datagram = TestDatagrams.FlowDatagram(2, sequence: 77);
        // Append four bytes to the first sample's declared length and to the datagram.
        var firstSampleLengthOffset = 28 + 4;
        var declared = BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(firstSampleLengthOffset));
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(firstSampleLengthOffset), declared + 4);
        var padded = datagram.Concat(new byte[4]).ToArray();
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(padded, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.LengthMismatch, result.Error.Kind);
        Assert.Equal(0, result.Error.SampleIndex);
        Assert.Equal(77u, result.Error.SequenceNumber);
        Assert.Equal("192.0.2.10", result.Error.Agent.ToString());
        Assert.Equal((int)declared + 4, result.Error.Expected);
        Assert.Equal((int)declared, result.Error.Found);
        Assert.Contains("sample 0 (0:3)", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RecordOverrunningItsSample_ReportsRecordContext()
    {
        var datagram = TestDatagrams.FlowDatagram(2);
        // The first record of the first sample is the header record: its length word is at 28 + 8 + 44 + 4.
        var recordLengthOffset = 28 + 8 + 44 + 4;
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(recordLengthOffset), 200);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.LengthMismatch, result.Error.Kind);
        Assert.Equal(0, result.Error.SampleIndex);
        Assert.Equal(0, result.Error.RecordIndex);
        Assert.Equal(FlowRecordTags.SampledHeader, result.Error.RecordTag);
        Assert.Empty(visitor.Records);
    }

    [Fact]
    public void Decode_HugeCounts_AreBoundedByTheDatagram()
    {
        var datagram = TestDatagrams.FlowDatagram(1);
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(24), uint.MaxValue);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.Truncated, result.Error.Kind);
        Assert.Equal(1, result.Samples);
        Assert.Equal(1, result.Error.SampleIndex);
    }

    [Fact]
    public void Decode_UnknownSample_IsSkippedAndCountedAndLaterSamplesDecode()
    {
        var buffer = new byte[1024];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(TestDatagrams.Agent, 0, 1, 1);
        writer.WriteRawSample(new SflowTag(9999, 1), [1, 2, 3, 4, 5, 6, 7, 8]);
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 5, SourceIdIndex = 2 });
        writer.WriteRecord(new SflowTag(4242, 99), [0, 0, 0, 1]);
        writer.EndSample();
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(writer.Finish(), ref visitor);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(1, result.UnknownSamples);
        Assert.Equal(2, result.Samples);
        Assert.Equal(SampleKind.Unknown, visitor.Samples[0].Kind);
        Assert.Equal(SampleKind.Counters, visitor.Samples[1].Kind);
        Assert.Equal(new SflowTag(4242, 99), Assert.Single(visitor.Records).Tag);
    }

    [Fact]
    public void Decode_VisitorRejectsRecord_StopsWithItsContext()
    {
        var datagram = TestDatagrams.FlowDatagram(2);
        var visitor = new RecordingVisitor { Accept = tag => tag != FlowRecordTags.ExtendedSwitch };

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.StoppedByVisitor, result.Error.Kind);
        Assert.Equal(1, result.Error.RecordIndex);
        Assert.Equal(2, visitor.Records.Count);
    }

    [Fact]
    public void Decode_DiscardSample_ReadsReasonAndPorts()
    {
        var buffer = new byte[512];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(TestDatagrams.Agent, 0, 1, 1);
        writer.BeginDiscardSample(new SflowSample { SequenceNumber = 2, SourceIdIndex = 1, Drops = 256, Input = 1, Output = 2, DiscardReason = 1 });
        writer.WriteRecord(FlowRecordTags.ExtendedEgressQueue, [0, 0, 0, 42]);
        writer.EndSample();
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(writer.Finish(), ref visitor);

        Assert.True(result.IsSuccess);
        var sample = Assert.Single(visitor.Samples);
        Assert.Equal(SampleKind.Discard, sample.Kind);
        Assert.Equal(256u, sample.Drops);
        Assert.Equal(1u, sample.DiscardReason);
        Assert.Equal(2u, sample.Output);
    }

    [Fact]
    public void TryReadHeader_ValidDatagram_ReturnsAgentWithoutWalkingSamples()
    {
        var datagram = TestDatagrams.FlowDatagram(7, sequence: 5);

        Assert.True(SflowDecoder.TryReadHeader(datagram, out var header));
        Assert.Equal("192.0.2.10", header.Agent.ToString());
        Assert.Equal(5u, header.SequenceNumber);
        Assert.False(SflowDecoder.TryReadHeader(datagram.AsSpan(0, 10), out _));
    }
}
