using System.Buffers.Binary;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Records;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// Walks a decoded datagram and prints it the way sflowtool does: sample fields, then for every record its
/// layout walked through <see cref="SflowtoolFieldSink"/>, or a record-specific printer where sflowtool's
/// output is not a plain field list (sampled header, sampled IPv4/IPv6, tunnels, gateway, host adapters, SFP).
/// </summary>
internal struct SflowtoolVisitor : ISflowVisitor
{
    private readonly SflowtoolEmitter _e;
    private readonly SflowtoolOutput _out;
    private uint _version;
    private int _recordsInSample;
    private int _sampleIndex;
    private bool _elementsOpen;
    private bool _sampleDone;

    public SflowtoolVisitor(SflowtoolEmitter emitter)
    {
        _e = emitter;
        _out = emitter.Output;
        _sampleIndex = -1;
        _sampleDone = true;
    }

    /// <summary>The datagram header was read and printed.</summary>
    public bool HeaderPrinted { get; private set; }

    /// <summary>An error the visitor itself raised (a record it could not walk): message already written.</summary>
    public int PendingException { get; private set; }

    public readonly int SampleIndex => _sampleIndex;

    public readonly int RecordsInSample => _recordsInSample;

    public readonly bool SampleDone => _sampleDone;

    public void OnDatagram(in SflowDatagramHeader header)
    {
        _version = header.Version;
        var ctx = _out.Context;
        ctx.Agent = header.Agent;
        ctx.SubAgentId = header.SubAgentId;
        if (header.Version >= 5)
        {
            _e.Field("agentSubId", header.SubAgentId);
        }

        // sflowtool reads the sequence number only after printing agentSubId, so -g shows 0 on that line.
        ctx.SequenceNumber = header.SequenceNumber;

        _e.Clear().AppendAddress(header.Agent).Emit("agent");
        _e.Field("packetSequenceNo", header.SequenceNumber);
        _e.Field("sysUpTime", header.Uptime);
        _e.Field("samplesInPacket", header.SampleCount);
        _out.StartArray("samples");
        HeaderPrinted = true;
    }

    /// <summary>Prints the start of a sample whose fixed fields were cut short (only its tag was read).</summary>
    public void StartCutShortSample(SflowTag tag)
    {
        _out.Context.ResetSample(tag);
        _out.StartSample();
        _e.Clear().Append(tag.Enterprise).Append(':').Append(tag.Format).Emit("sampleType_tag");
        var name = SampleTags.KindOf(tag) switch
        {
            SampleKind.Flow => "FLOWSAMPLE",
            SampleKind.Counters => "COUNTERSSAMPLE",
            SampleKind.Discard => "DISCARD",
            SampleKind.RtMetric => "RTMETRIC",
            SampleKind.RtFlow => "RTFLOW",
            _ => null,
        };
        if (name is not null)
        {
            _e.Field("sampleType", name);
        }
    }

    public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
    {
        _sampleIndex = sample.Index;
        _recordsInSample = 0;
        _sampleDone = false;
        _elementsOpen = false;
        _e.SamplePrefix = string.Empty;
        _e.RecordPrefix = string.Empty;
        var ctx = _out.Context;
        ctx.ResetSample(sample.Tag);
        _out.StartSample();
        _e.Clear().Append(sample.Tag.Enterprise).Append(':').Append(sample.Tag.Format).Emit("sampleType_tag");
        switch (sample.Kind)
        {
            case SampleKind.Flow:
                _e.Field("sampleType", "FLOWSAMPLE");
                SequenceAndSource(sample);
                _e.Field("meanSkipCount", sample.SamplingRate);
                _e.Field("samplePool", sample.SamplePool);
                _e.Field("dropEvents", sample.Drops);
                if (_version >= 5)
                {
                    Port("inputPort", sample.InputFormat, sample.Input);
                    Port("outputPort", sample.OutputFormat, sample.Output);
                }
                else
                {
                    _e.Field("inputPort", sample.Input);
                    var e = _e.Clear();
                    if ((sample.Output & 0x80000000) != 0)
                    {
                        var n = sample.Output & 0x7FFFFFFF;
                        e.Append("multiple ");
                        if (n > 0)
                        {
                            e.Append(n);
                        }
                        else
                        {
                            e.Append(">1");
                        }
                    }
                    else
                    {
                        e.Append(sample.Output);
                    }

                    e.Emit("outputPort");
                }

                OpenElements();
                break;
            case SampleKind.Counters:
                _e.Field("sampleType", "COUNTERSSAMPLE");
                SequenceAndSource(sample);
                if (_version < 5)
                {
                    _e.Field("statsSamplingInterval", sample.SamplingRate);
                    _e.Field("counterBlockVersion", sample.LegacyCounterVersion);
                }

                OpenElements();
                break;
            case SampleKind.Discard:
                _e.Field("sampleType", "DISCARD");
                SequenceAndSource(sample);
                _e.Field("dropEvents", sample.Drops);
                _e.Field("inputPort", sample.Input);
                _e.Field("outputPort", sample.Output);
                _e.Field("discardCode", sample.DiscardReason);
                _e.Field("discardReason", SflowtoolNames.DiscardReason(sample.DiscardReason));
                OpenElements();
                _e.SamplePrefix = "discarded_";
                break;
            case SampleKind.RtMetric:
                SflowtoolRtPrinter.PrintMetric(_e, body, out var rtError);
                PendingException = rtError;
                break;
            case SampleKind.RtFlow:
                SflowtoolRtPrinter.PrintFlow(_e, body, out var rtFlowError);
                PendingException = rtFlowError;
                break;
            default:
                _e.Clear().Append("skipping unknown sample: ").Append(sample.Tag.Enterprise).Append(':')
                    .Append(sample.Tag.Format).Append(" len=").Append((ulong)body.Length).TextLine();
                break;
        }
    }

    public bool OnRecord(in SflowSample sample, in SflowRecord record)
    {
        if (PendingException != 0)
        {
            return false;
        }

        _recordsInSample++;
        if (_version < 5 && sample.Kind == SampleKind.Counters && _recordsInSample == 1 && record.Tag == CounterRecordTags.Vlan)
        {
            // v2/v4 VLAN counters: sflowtool prints an empty object where the generic block would be.
            _out.StartObject();
            _out.EndObject();
        }

        var error = PrintRecord(sample.Kind, record.Tag, record.Body, record.Version, (uint)record.Body.Length);
        if (error.IsSuccess)
        {
            return true;
        }

        ReportRecordError(sample.Kind, record.Body.Length, error);
        return false;
    }

    public void OnSampleEnd(in SflowSample sample)
    {
        if (PendingException != 0)
        {
            return;
        }

        if (_version < 5 && sample.Kind == SampleKind.Counters && _recordsInSample == 1)
        {
            _out.StartObject();
            _out.EndObject();
        }

        if (_elementsOpen)
        {
            _out.EndArray();
            _elementsOpen = false;
        }

        _e.SamplePrefix = string.Empty;
        _out.EndSample();
        _sampleDone = true;
    }

    /// <summary>
    /// Prints one record element (tag field, then fields). Also used after a framing error to print the
    /// record sflowtool would still have decoded from the bytes that follow.
    /// </summary>
    public readonly RecordWalkResult PrintRecord(SampleKind kind, SflowTag tag, ReadOnlySpan<byte> body, uint version, uint declaredLength)
    {
        _out.StartObject();
        _out.Context.ElementTag = tag;
        var counters = kind == SampleKind.Counters;
        if (version >= 5)
        {
            _e.Clear().Append(tag.Enterprise).Append(':').Append(tag.Format).Emit(counters ? "counterBlock_tag" : "flowBlock_tag");
        }

        var layout = RecordLayouts.Find(kind, tag, version);
        RecordWalkResult result;
        if (layout is null)
        {
            _e.Clear().Append("skipping unknown ").Append(counters ? "counters_sample_element: " : "flow_sample_element: ")
                .Append(tag.Enterprise).Append(':').Append(tag.Format).Append(" len=").AppendSigned((int)declaredLength).TextLine();
            result = new RecordWalkResult(SflowDecodeErrorKind.None, body.Length);
        }
        else
        {
            result = SflowtoolRecordPrinter.Print(_e, layout, body, version);
        }

        _e.RecordPrefix = string.Empty;
        if (result.IsSuccess)
        {
            _out.EndObject();
        }

        return result;
    }

    private void ReportRecordError(SampleKind kind, int length, RecordWalkResult error)
    {
        var what = kind == SampleKind.Counters ? "counters_sample_element" : "flow_sample_element";
        if (error.Error == SflowDecodeErrorKind.BadAddressType)
        {
            _out.Errors.Write("unknown address type\n");
            PendingException = 1;
            return;
        }

        _out.Errors.Write($"{what} length error (expected {length}, found {error.Consumed})\n");
        PendingException = 3;
    }

    private void OpenElements()
    {
        _out.StartArray("elements");
        _elementsOpen = true;
    }

    private readonly void SequenceAndSource(in SflowSample sample)
    {
        // sflowtool reads the source id before printing sampleSequenceNo in v5 flow and discard samples, after it
        // in counter and v2/v4 samples: the -g context column shows the difference.
        var sourceFirst = _version >= 5 && sample.Kind is SampleKind.Flow or SampleKind.Discard;
        if (sourceFirst)
        {
            _out.Context.SourceIdClass = sample.SourceIdClass;
            _out.Context.SourceIdIndex = sample.SourceIdIndex;
        }

        _e.Field("sampleSequenceNo", sample.SequenceNumber);
        _out.Context.SourceIdClass = sample.SourceIdClass;
        _out.Context.SourceIdIndex = sample.SourceIdIndex;
        _e.Clear().Append(sample.SourceIdClass).Append(':').Append(sample.SourceIdIndex).Emit("sourceId");
    }

    // sFlow v5 interface formats: 0 ifIndex, 1 drop code, 2 number of ports, 3 reserved.
    private readonly void Port(string name, uint format, uint value)
    {
        var e = _e.Clear();
        switch (format)
        {
            case 1: e.Append("dropCode "); break;
            case 2: e.Append("multiple "); break;
            case 3: e.Append("format==3 "); break;
        }

        e.Append(value).Emit(name);
    }

    internal static uint ReadWord(ReadOnlySpan<byte> data, int offset) =>
        offset >= 0 && offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : 0;

    internal static SflowAddress NoAddress => default;
}
