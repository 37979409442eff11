using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>
/// Walks one sFlow datagram (v5, or the legacy v2/v4 formats) and hands its header, samples and
/// records to a visitor. It never throws on bad input and never allocates: it stops at the first
/// problem and returns what it decoded plus an error naming where and why.
/// </summary>
public static class SflowDecoder
{
    /// <summary>Decodes <paramref name="datagram"/> (a whole UDP payload).</summary>
    public static SflowDecodeResult Decode<TVisitor>(ReadOnlySpan<byte> datagram, ref TVisitor visitor)
        where TVisitor : ISflowVisitor, allows ref struct
    {
        var state = new DecodeState(datagram);
        state.Run(ref visitor);
        return state.Result();
    }

    /// <summary>Reads only the datagram header, e.g. to shard by agent before a full decode.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> datagram, out SflowDatagramHeader header)
    {
        var state = new DecodeState(datagram);
        var ok = state.ReadHeader();
        header = state.Header;
        return ok;
    }

    private ref struct DecodeState
    {
        private SflowReader _reader;
        private SflowDecodeError _error;
        private int _samples;
        private int _records;
        private int _unknownSamples;
        private int _sampleIndex;
        private SflowTag _sampleTag;
        private int _recordIndex;
        private SflowTag _recordTag;
        private bool _inSampleHeader;

        public DecodeState(ReadOnlySpan<byte> datagram)
        {
            _reader = new SflowReader(datagram);
            _sampleIndex = -1;
            _recordIndex = -1;
        }

        public SflowDatagramHeader Header { get; private set; }

        public readonly SflowDecodeResult Result() => new()
        {
            Error = _error,
            Samples = _samples,
            Records = _records,
            UnknownSamples = _unknownSamples,
        };

        public bool ReadHeader()
        {
            if (!_reader.TryReadUInt32(out var version))
            {
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            if (version is not (2 or 4 or 5))
            {
                _reader = RewoundBy(4);
                return Fail(SflowDecodeErrorKind.UnsupportedVersion);
            }

            if (!_reader.TryReadUInt32(out var addressType))
            {
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            if (addressType is not (1 or 2))
            {
                return Fail(SflowDecodeErrorKind.BadAddressType);
            }

            _reader = RewoundBy(4);
            if (!_reader.TryReadAddress(out var agent))
            {
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            uint subAgent = 0;
            if (version == 5 && !_reader.TryReadUInt32(out subAgent))
            {
                Header = new SflowDatagramHeader(version, agent, 0, 0, 0, 0);
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            if (!_reader.TryReadUInt32(out var sequence)
                || !_reader.TryReadUInt32(out var uptime)
                || !_reader.TryReadUInt32(out var count))
            {
                Header = new SflowDatagramHeader(version, agent, subAgent, 0, 0, 0);
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            Header = new SflowDatagramHeader(version, agent, subAgent, sequence, uptime, count);
            return true;
        }

        public void Run<TVisitor>(ref TVisitor visitor)
            where TVisitor : ISflowVisitor, allows ref struct
        {
            if (!ReadHeader())
            {
                return;
            }

            var header = Header;
            visitor.OnDatagram(in header);
            for (uint i = 0; i < header.SampleCount; i++)
            {
                _sampleIndex = (int)i;
                _recordIndex = -1;
                _recordTag = default;
                if (_reader.IsAtEnd)
                {
                    Fail(SflowDecodeErrorKind.Truncated);
                    return;
                }

                var ok = header.Version == 5 ? ReadSample(ref visitor) : ReadLegacySample(ref visitor);
                if (!ok)
                {
                    return;
                }

                _samples++;
            }
        }

        private bool ReadSample<TVisitor>(ref TVisitor visitor)
            where TVisitor : ISflowVisitor, allows ref struct
        {
            var sampleOffset = _reader.Position;
            if (!_reader.TryReadUInt32(out var rawTag))
            {
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            _sampleTag = new SflowTag(rawTag);
            _inSampleHeader = true;
            if (!_reader.TryReadUInt32(out var declared))
            {
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            var bodyStart = _reader.Position;
            var available = _reader.Remaining;
            var paddedLength = ((long)declared + 3) & ~3L;

            // A sample that claims more bytes than remain is still walked as far as the bytes go,
            // so everything readable is reported before the truncation error.
            var bodyLength = (int)Math.Min(paddedLength, available);
            var body = _reader.Buffer.Slice(bodyStart, bodyLength);
            var kind = SampleTags.KindOf(_sampleTag);
            var sample = new SflowSample { Tag = _sampleTag, Kind = kind, Index = _sampleIndex, Offset = sampleOffset };
            if (kind is SampleKind.Unknown or SampleKind.RtMetric or SampleKind.RtFlow)
            {
                if (paddedLength > available)
                {
                    return Fail(SflowDecodeErrorKind.Truncated);
                }

                if (kind == SampleKind.Unknown)
                {
                    _unknownSamples++;
                }

                _inSampleHeader = false;
                visitor.OnSample(in sample, body);
                _reader.TrySkip(bodyLength);
                visitor.OnSampleEnd(in sample);
                return true;
            }

            var bodyReader = new SflowReader(body);
            if (!ReadSampleFields(ref bodyReader, ref sample))
            {
                _reader.TrySkip(bodyReader.Position);
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            _inSampleHeader = false;
            visitor.OnSample(in sample, body);
            for (uint r = 0; r < sample.RecordCount; r++)
            {
                _recordIndex = (int)r;
                var recordOffset = bodyStart + bodyReader.Position;
                if (!bodyReader.TryReadUInt32(out var recordTag))
                {
                    return FailAt(recordOffset, paddedLength > available ? SflowDecodeErrorKind.Truncated : SflowDecodeErrorKind.LengthMismatch, (int)Math.Min(declared, int.MaxValue), bodyReader.Position + 4);
                }

                _recordTag = new SflowTag(recordTag);
                if (!bodyReader.TryReadUInt32(out var recordLength))
                {
                    return FailAt(recordOffset, paddedLength > available ? SflowDecodeErrorKind.Truncated : SflowDecodeErrorKind.LengthMismatch, (int)Math.Min(declared, int.MaxValue), bodyReader.Position + 4);
                }

                var start = bodyReader.Position;
                if (recordLength > int.MaxValue || !bodyReader.TryReadFixed((int)recordLength, out var recordBody))
                {
                    var overrunsDatagram = recordLength > int.MaxValue || bodyStart + start + (long)recordLength > _reader.Buffer.Length;
                    return FailAt(bodyStart + start, overrunsDatagram ? SflowDecodeErrorKind.Truncated : SflowDecodeErrorKind.LengthMismatch, (int)Math.Min(declared, int.MaxValue), (int)Math.Min(start + (long)recordLength, int.MaxValue));
                }

                var record = new SflowRecord(_recordTag, recordBody, bodyStart + start, (int)r, 5);
                _records++;
                if (!visitor.OnRecord(in sample, in record))
                {
                    return FailAt(bodyStart + start, SflowDecodeErrorKind.StoppedByVisitor, 0, 0);
                }
            }

            _recordIndex = -1;
            _recordTag = default;
            if (paddedLength > available)
            {
                _reader.TrySkip(bodyLength);
                return Fail(SflowDecodeErrorKind.Truncated);
            }

            if (bodyReader.Position != bodyLength)
            {
                return FailAt(bodyStart + bodyReader.Position, SflowDecodeErrorKind.LengthMismatch, (int)declared, bodyReader.Position);
            }

            _reader.TrySkip(bodyLength);
            visitor.OnSampleEnd(in sample);
            return true;
        }

        private static bool ReadSampleFields(ref SflowReader r, ref SflowSample sample)
        {
            uint sequence, sourceClass, sourceIndex, rate = 0, pool = 0, drops = 0;
            uint inFormat = 0, input = 0, outFormat = 0, output = 0, reason = 0, count;
            var expanded = sample.Tag.Value is 3 or 4 or 5;
            if (!r.TryReadUInt32(out sequence))
            {
                return false;
            }

            if (expanded)
            {
                if (!r.TryReadUInt32(out sourceClass) || !r.TryReadUInt32(out sourceIndex))
                {
                    return false;
                }
            }
            else
            {
                if (!r.TryReadUInt32(out var sourceId))
                {
                    return false;
                }

                sourceClass = sourceId >> 24;
                sourceIndex = sourceId & 0x00FFFFFF;
            }

            switch (sample.Kind)
            {
                case SampleKind.Flow when expanded:
                    if (!r.TryReadUInt32(out rate) || !r.TryReadUInt32(out pool) || !r.TryReadUInt32(out drops)
                        || !r.TryReadUInt32(out inFormat) || !r.TryReadUInt32(out input)
                        || !r.TryReadUInt32(out outFormat) || !r.TryReadUInt32(out output))
                    {
                        return false;
                    }

                    break;
                case SampleKind.Flow:
                    if (!r.TryReadUInt32(out rate) || !r.TryReadUInt32(out pool) || !r.TryReadUInt32(out drops)
                        || !r.TryReadUInt32(out var inPacked) || !r.TryReadUInt32(out var outPacked))
                    {
                        return false;
                    }

                    inFormat = inPacked >> 30;
                    input = inPacked & 0x3FFFFFFF;
                    outFormat = outPacked >> 30;
                    output = outPacked & 0x3FFFFFFF;
                    break;
                case SampleKind.Discard:
                    // sflow_drops.txt: input and output are plain 32-bit interface values.
                    if (!r.TryReadUInt32(out drops) || !r.TryReadUInt32(out input)
                        || !r.TryReadUInt32(out output) || !r.TryReadUInt32(out reason))
                    {
                        return false;
                    }

                    break;
            }

            if (!r.TryReadUInt32(out count))
            {
                return false;
            }

            sample = sample with
            {
                Expanded = expanded,
                SequenceNumber = sequence,
                SourceIdClass = sourceClass,
                SourceIdIndex = sourceIndex,
                SamplingRate = rate,
                SamplePool = pool,
                Drops = drops,
                InputFormat = inFormat,
                Input = input,
                OutputFormat = outFormat,
                Output = output,
                DiscardReason = reason,
                RecordCount = count,
            };
            return true;
        }

        private bool ReadLegacySample<TVisitor>(ref TVisitor visitor)
            where TVisitor : ISflowVisitor, allows ref struct
        {
            var legacy = new LegacySampleReader(_reader, Header.Version, _sampleIndex);
            var ok = legacy.Read(ref visitor, ref _records, ref _recordIndex, ref _recordTag, ref _sampleTag, out var kind);
            _reader = legacy.Reader;
            return ok || FailAt(_reader.Position, kind, 0, 0);
        }

        private readonly SflowReader RewoundBy(int bytes)
        {
            var rewound = new SflowReader(_reader.Buffer);
            rewound.TrySkip(_reader.Position - bytes);
            return rewound;
        }

        private bool Fail(SflowDecodeErrorKind kind) => FailAt(_reader.Position, kind, 0, 0);

        private bool FailAt(int offset, SflowDecodeErrorKind kind, int expected, int found)
        {
            _error = new SflowDecodeError
            {
                Kind = kind,
                Offset = offset,
                Agent = Header.Agent,
                SequenceNumber = Header.SequenceNumber,
                SampleIndex = _sampleIndex,
                SampleTag = _sampleTag,
                InSampleHeader = _inSampleHeader,
                RecordIndex = _recordIndex,
                RecordTag = _recordTag,
                Expected = expected,
                Found = found,
            };
            return false;
        }
    }
}
