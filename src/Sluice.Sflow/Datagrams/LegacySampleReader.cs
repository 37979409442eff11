using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>
/// Reads one sample of the legacy sFlow v2/v4 formats (INMSample_type). These carry no sample or
/// record lengths, so every structure is measured by parsing it, and an unknown type ends the
/// datagram. Each structure is passed on as the equivalent v5 record (same tag, <c>Version</c> 2 or 4)
/// so one set of record parsers serves all versions.
/// </summary>
internal ref struct LegacySampleReader
{
    // INMSample_types
    private const uint FlowSampleType = 1;
    private const uint CountersSampleType = 2;

    // INMPacket_information_type
    private const uint PacketHeader = 1;
    private const uint PacketIPv4 = 2;
    private const uint PacketIPv6 = 3;

    // INMExtended_information_type
    private const uint ExtendedSwitch = 1;
    private const uint ExtendedRouter = 2;
    private const uint ExtendedGateway = 3;
    private const uint ExtendedUser = 4;
    private const uint ExtendedUrl = 5;

    private readonly uint _version;
    private readonly int _sampleIndex;
    private SflowReader _reader;

    public LegacySampleReader(SflowReader reader, uint version, int sampleIndex)
    {
        _reader = reader;
        _version = version;
        _sampleIndex = sampleIndex;
    }

    public readonly SflowReader Reader => _reader;

    public bool Read<TVisitor>(
        ref TVisitor visitor,
        ref int records,
        ref int recordIndex,
        ref SflowTag recordTag,
        ref SflowTag sampleTag,
        out SflowDecodeErrorKind error)
        where TVisitor : ISflowVisitor, allows ref struct
    {
        error = SflowDecodeErrorKind.Truncated;
        var sampleOffset = _reader.Position;
        if (!_reader.TryReadUInt32(out var type))
        {
            return false;
        }

        sampleTag = new SflowTag(type);
        if (type is not (FlowSampleType or CountersSampleType))
        {
            error = SflowDecodeErrorKind.UnknownLegacyType;
            return false;
        }

        var bodyStart = _reader.Position;
        if (!_reader.TryReadUInt32(out var sequence) || !_reader.TryReadUInt32(out var sourceId))
        {
            return false;
        }

        var sample = new SflowSample
        {
            Tag = type == FlowSampleType ? SampleTags.FlowSample : SampleTags.CountersSample,
            Kind = type == FlowSampleType ? SampleKind.Flow : SampleKind.Counters,
            Index = _sampleIndex,
            Offset = sampleOffset,
            SequenceNumber = sequence,
            SourceIdClass = sourceId >> 24,
            SourceIdIndex = sourceId & 0x00FFFFFF,
        };

        return type == FlowSampleType
            ? ReadFlow(ref visitor, sample, bodyStart, ref records, ref recordIndex, ref recordTag, out error)
            : ReadCounters(ref visitor, sample, bodyStart, ref records, ref recordIndex, ref recordTag, out error);
    }

    private bool ReadFlow<TVisitor>(
        ref TVisitor visitor,
        SflowSample sample,
        int bodyStart,
        ref int records,
        ref int recordIndex,
        ref SflowTag recordTag,
        out SflowDecodeErrorKind error)
        where TVisitor : ISflowVisitor, allows ref struct
    {
        error = SflowDecodeErrorKind.Truncated;
        if (!_reader.TryReadUInt32(out var rate) || !_reader.TryReadUInt32(out var pool)
            || !_reader.TryReadUInt32(out var drops) || !_reader.TryReadUInt32(out var input)
            || !_reader.TryReadUInt32(out var output))
        {
            return false;
        }

        sample = sample with { SamplingRate = rate, SamplePool = pool, Drops = drops, Input = input, Output = output, RecordCount = 1 };
        visitor.OnSample(in sample, _reader.Buffer[bodyStart..]);

        recordIndex = 0;
        if (!_reader.TryReadUInt32(out var packetType))
        {
            return false;
        }

        var start = _reader.Position;
        var measured = packetType switch
        {
            PacketHeader => SkipHeader(),
            PacketIPv4 => _reader.TrySkip(32),
            PacketIPv6 => _reader.TrySkip(56),
            _ => false,
        };
        recordTag = packetType switch
        {
            PacketHeader => FlowRecordTags.SampledHeader,
            PacketIPv4 => FlowRecordTags.SampledIPv4,
            PacketIPv6 => FlowRecordTags.SampledIPv6,
            _ => new SflowTag(packetType),
        };
        if (packetType is not (PacketHeader or PacketIPv4 or PacketIPv6))
        {
            error = SflowDecodeErrorKind.UnknownLegacyType;
            return false;
        }

        if (!measured || !Emit(ref visitor, sample, recordTag, start, 0, ref records, out error))
        {
            return false;
        }

        if (!_reader.TryReadUInt32(out var extendedCount))
        {
            return false;
        }

        for (uint i = 0; i < extendedCount; i++)
        {
            recordIndex = (int)i + 1;
            if (!_reader.TryReadUInt32(out var extendedType))
            {
                return false;
            }

            start = _reader.Position;
            recordTag = extendedType switch
            {
                ExtendedSwitch => FlowRecordTags.ExtendedSwitch,
                ExtendedRouter => FlowRecordTags.ExtendedRouter,
                ExtendedGateway => FlowRecordTags.ExtendedGateway,
                ExtendedUser => FlowRecordTags.ExtendedUser,
                ExtendedUrl => FlowRecordTags.ExtendedUrl,
                _ => new SflowTag(extendedType),
            };
            if (extendedType is < ExtendedSwitch or > ExtendedUrl)
            {
                error = SflowDecodeErrorKind.UnknownLegacyType;
                return false;
            }

            var skipped = extendedType switch
            {
                ExtendedSwitch => _reader.TrySkip(16),
                ExtendedRouter => _reader.TryReadAddress(out _) && _reader.TrySkip(8),
                ExtendedGateway => _version == 2 ? SkipGatewayV2() : SkipGatewayV4(),
                ExtendedUser => _reader.TryReadOpaque(out _) && _reader.TryReadOpaque(out _),
                _ => _reader.TrySkip(4) && _reader.TryReadOpaque(out _),
            };
            if (!skipped || !Emit(ref visitor, sample, recordTag, start, (int)i + 1, ref records, out error))
            {
                if (!skipped)
                {
                    error = SflowDecodeErrorKind.Truncated;
                }

                return false;
            }
        }

        recordIndex = -1;
        recordTag = default;
        visitor.OnSampleEnd(in sample);
        return true;
    }

    private bool ReadCounters<TVisitor>(
        ref TVisitor visitor,
        SflowSample sample,
        int bodyStart,
        ref int records,
        ref int recordIndex,
        ref SflowTag recordTag,
        out SflowDecodeErrorKind error)
        where TVisitor : ISflowVisitor, allows ref struct
    {
        error = SflowDecodeErrorKind.Truncated;
        if (!_reader.TryReadUInt32(out var interval) || !_reader.TryReadUInt32(out var counterVersion))
        {
            return false;
        }

        // INMCounters_version: 1 generic, 2 ethernet, 3 token ring, 4 FDDI, 5 100BaseVG, 6 WAN, 7 VLAN.
        if (counterVersion is < 1 or > 7)
        {
            error = SflowDecodeErrorKind.UnknownLegacyType;
            return false;
        }

        var specific = counterVersion switch
        {
            2 => (Tag: CounterRecordTags.Ethernet, Size: 52),
            3 => (Tag: CounterRecordTags.TokenRing, Size: 72),
            5 => (Tag: CounterRecordTags.Vg, Size: 80),
            7 => (Tag: CounterRecordTags.Vlan, Size: 28),
            _ => (Tag: default(SflowTag), Size: 0),
        };
        var hasGeneric = counterVersion != 7;
        sample = sample with
        {
            SamplingRate = interval,
            LegacyCounterVersion = counterVersion,
            RecordCount = (uint)((hasGeneric ? 1 : 0) + (specific.Size > 0 ? 1 : 0)),
        };
        visitor.OnSample(in sample, _reader.Buffer[bodyStart..]);

        var index = 0;
        if (hasGeneric)
        {
            recordIndex = index;
            recordTag = CounterRecordTags.Generic;
            var start = _reader.Position;
            if (!_reader.TrySkip(88) || !Emit(ref visitor, sample, recordTag, start, index++, ref records, out error))
            {
                return false;
            }
        }

        if (specific.Size > 0)
        {
            recordIndex = index;
            recordTag = specific.Tag;
            var start = _reader.Position;
            if (!_reader.TrySkip(specific.Size) || !Emit(ref visitor, sample, recordTag, start, index, ref records, out error))
            {
                return false;
            }
        }

        recordIndex = -1;
        recordTag = default;
        visitor.OnSampleEnd(in sample);
        return true;
    }

    private readonly bool Emit<TVisitor>(
        ref TVisitor visitor,
        in SflowSample sample,
        SflowTag tag,
        int start,
        int index,
        ref int records,
        out SflowDecodeErrorKind error)
        where TVisitor : ISflowVisitor, allows ref struct
    {
        var record = new SflowRecord(tag, _reader.Buffer[start.._reader.Position], start, index, _version);
        records++;
        error = SflowDecodeErrorKind.StoppedByVisitor;
        return visitor.OnRecord(in sample, in record);
    }

    private bool SkipHeader() =>
        _reader.TrySkip(8) && _reader.TryReadOpaque(out _);

    private bool SkipGatewayV2() =>
        _reader.TrySkip(12) && _reader.TryReadUInt32(out var pathLength) && pathLength <= int.MaxValue / 4
        && _reader.TrySkip((int)pathLength * 4);

    private bool SkipGatewayV4()
    {
        // INMExtended_gateway_v4 has no next hop (v5 added it): AS, source AS, source peer AS, then the path.
        if (!_reader.TrySkip(12) || !_reader.TryReadUInt32(out var segments))
        {
            return false;
        }

        for (uint s = 0; s < segments; s++)
        {
            if (!_reader.TrySkip(4) || !_reader.TryReadUInt32(out var length) || length > int.MaxValue / 4
                || !_reader.TrySkip((int)length * 4))
            {
                return false;
            }
        }

        return _reader.TryReadUInt32(out var communities) && communities <= int.MaxValue / 4
            && _reader.TrySkip((int)communities * 4) && _reader.TrySkip(4);
    }
}
