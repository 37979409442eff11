using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Records;
using Sluice.Sflow.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

/// <summary>sFlow v2 and v4 (INMSample_type layouts), which carry no sample or record lengths.</summary>
public sealed class LegacyDatagramTests
{
    [Theory]
    [InlineData(2u)]
    [InlineData(4u)]
    public void Decode_LegacyFlowAndCounters_MapsStructuresToV5Records(uint version)
    {
        var datagram = LegacyDatagram(version);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(version, visitor.Header!.Value.Version);
        Assert.Equal(0u, visitor.Header!.Value.SubAgentId);
        Assert.Equal(2, visitor.EndedSamples.Count);
        var flow = visitor.Samples[0];
        Assert.Equal(SampleKind.Flow, flow.Kind);
        Assert.Equal(400u, flow.SamplingRate);
        Assert.Equal(0x07u, flow.SourceIdIndex);
        var counters = visitor.Samples[1];
        Assert.Equal(SampleKind.Counters, counters.Kind);
        Assert.Equal(2u, counters.LegacyCounterVersion);
        Assert.Equal(30u, counters.SamplingRate);

        Assert.Equal(
            [FlowRecordTags.SampledHeader, FlowRecordTags.ExtendedSwitch, FlowRecordTags.ExtendedGateway, FlowRecordTags.ExtendedUser, CounterRecordTags.Generic, CounterRecordTags.Ethernet],
            visitor.Records.Select(r => r.Tag));
        Assert.All(visitor.Records, r => Assert.Equal(version, r.Version));

        // Every legacy structure reads through its layout exactly, which checks the measured lengths.
        foreach (var (sample, tag, body, _, recordVersion) in visitor.Records)
        {
            var layout = RecordLayouts.Find(visitor.Samples[sample].Kind, tag, recordVersion);
            Assert.NotNull(layout);
            var (values, walk) = RecordValues.Read(layout, body, recordVersion);
            Assert.True(walk.IsSuccess, $"{tag} v{recordVersion}: {walk.Error} after {walk.Consumed} of {body.Length}");
            Assert.NotEmpty(values);
        }

        var header = visitor.Records[0];
        var headerValues = RecordValues.Read(RecordLayouts.FindFlow(header.Tag, version)!, header.Body, version).Values;
        Assert.Equal(64, headerValues.Single(v => v.Field.Name == "headerBytes").Bytes.Length);
    }

    [Fact]
    public void Decode_LegacyUnknownExtendedType_StopsBecauseItCannotBeSkipped()
    {
        var datagram = LegacyDatagram(4, extendedType: 9);
        var visitor = new RecordingVisitor();

        var result = SflowDecoder.Decode(datagram, ref visitor);

        Assert.Equal(SflowDecodeErrorKind.UnknownLegacyType, result.Error.Kind);
        Assert.Equal(0, result.Error.SampleIndex);
    }

    [Fact]
    public void Decode_LegacyTruncatedAtEveryLength_NeverThrows()
    {
        var datagram = LegacyDatagram(4);
        for (var length = 0; length < datagram.Length; length++)
        {
            var visitor = new RecordingVisitor();
            var result = SflowDecoder.Decode(datagram.AsSpan(0, length), ref visitor);
            Assert.False(result.IsSuccess);
            Assert.All(visitor.Records, r => Assert.True(r.Offset + r.Body.Length <= length));
        }
    }

    internal static byte[] LegacyDatagram(uint version, uint extendedType = 4)
    {
        var buffer = new byte[2048];
        var w = new SflowWriter(buffer);
        w.WriteUInt32(version);
        w.WriteAddress(SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.1")));
        w.WriteUInt32(1234);
        w.WriteUInt32(99999);
        w.WriteUInt32(2);

        // INMFlow_sample: type, sequence, source id, rate, pool, drops, input, output.
        w.WriteUInt32(1);
        foreach (var word in new uint[] { 55, 7, 400, 40000, 0, 7, 9 })
        {
            w.WriteUInt32(word);
        }

        // Packet type 1 (header): protocol, frame length, header.
        w.WriteUInt32(1);
        w.WriteUInt32(1);
        w.WriteUInt32(1518);
        w.WriteOpaque(TestDatagrams.TcpFrame(64));

        w.WriteUInt32(3);
        w.WriteUInt32(1); // extended switch
        foreach (var word in new uint[] { 10, 0, 20, 0 })
        {
            w.WriteUInt32(word);
        }

        w.WriteUInt32(3); // extended gateway
        if (version == 2)
        {
            foreach (var word in new uint[] { 65000, 65001, 65002, 2, 65003, 65004 })
            {
                w.WriteUInt32(word);
            }
        }
        else
        {
            foreach (var word in new uint[] { 65000, 65001, 65002, 1, 2, 2, 65003, 65004, 1, 0x00010002, 100 })
            {
                w.WriteUInt32(word);
            }
        }

        w.WriteUInt32(extendedType); // extended user (or an unknown type)
        w.WriteOpaque("alice"u8);
        w.WriteOpaque("bob"u8);

        // INMCounters_sample: type, sequence, source id, interval, version 2 (ethernet): generic + ethernet.
        w.WriteUInt32(2);
        foreach (var word in new uint[] { 56, 7, 30, 2 })
        {
            w.WriteUInt32(word);
        }

        for (var i = 0; i < 22 + 13; i++)
        {
            w.WriteUInt32((uint)i);
        }

        return w.Written.ToArray();
    }
}
