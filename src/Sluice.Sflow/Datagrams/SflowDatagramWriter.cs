using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>
/// Builds an sFlow v5 datagram in a caller's buffer: the header, then samples, each with its records.
/// Sample and record lengths and the sample count are filled in as each structure is closed, so a
/// caller writes fields in order and never computes a length. Allocates nothing.
/// </summary>
public ref struct SflowDatagramWriter
{
    private SflowWriter _writer;
    private readonly Span<byte> _buffer;
    private int _sampleCountOffset;
    private uint _samples;
    private int _sampleMark;
    private int _recordCountOffset;
    private uint _records;
    private int _recordMark;

    public SflowDatagramWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _writer = new SflowWriter(buffer);
        _sampleMark = -1;
        _recordMark = -1;
    }

    /// <summary>The underlying writer, for record bodies.</summary>
    [UnscopedRef]
    public ref SflowWriter Body => ref _writer;

    public readonly int Length => _writer.Position;

    public readonly ReadOnlySpan<byte> Written => _writer.Written;

    /// <summary>Writes the v5 datagram header; the sample count is filled in as samples are added.</summary>
    public void WriteHeader(in SflowAddress agent, uint subAgentId, uint sequenceNumber, uint uptimeMs)
    {
        _writer.WriteUInt32(5);
        _writer.WriteAddress(agent);
        _writer.WriteUInt32(subAgentId);
        _writer.WriteUInt32(sequenceNumber);
        _writer.WriteUInt32(uptimeMs);
        _sampleCountOffset = _writer.Position;
        _writer.WriteUInt32(0);
        _samples = 0;
    }

    /// <summary>Starts an expanded flow sample (0:3); close it with <see cref="EndSample"/>.</summary>
    public void BeginFlowSample(in SflowSample sample, bool expanded = true)
    {
        BeginSample(expanded ? SampleTags.FlowSampleExpanded : SampleTags.FlowSample);
        _writer.WriteUInt32(sample.SequenceNumber);
        WriteSourceId(sample, expanded);
        _writer.WriteUInt32(sample.SamplingRate);
        _writer.WriteUInt32(sample.SamplePool);
        _writer.WriteUInt32(sample.Drops);
        if (expanded)
        {
            _writer.WriteUInt32(sample.InputFormat);
            _writer.WriteUInt32(sample.Input);
            _writer.WriteUInt32(sample.OutputFormat);
            _writer.WriteUInt32(sample.Output);
        }
        else
        {
            _writer.WriteUInt32((sample.InputFormat << 30) | (sample.Input & 0x3FFFFFFF));
            _writer.WriteUInt32((sample.OutputFormat << 30) | (sample.Output & 0x3FFFFFFF));
        }

        BeginRecordList();
    }

    /// <summary>Starts a counters sample (0:4 expanded, or 0:2 compact).</summary>
    public void BeginCountersSample(in SflowSample sample, bool expanded = true)
    {
        BeginSample(expanded ? SampleTags.CountersSampleExpanded : SampleTags.CountersSample);
        _writer.WriteUInt32(sample.SequenceNumber);
        WriteSourceId(sample, expanded);
        BeginRecordList();
    }

    /// <summary>Starts a discarded-packet sample (0:5).</summary>
    public void BeginDiscardSample(in SflowSample sample)
    {
        BeginSample(SampleTags.DiscardedPacket);
        _writer.WriteUInt32(sample.SequenceNumber);
        WriteSourceId(sample, expanded: true);
        _writer.WriteUInt32(sample.Drops);
        _writer.WriteUInt32(sample.Input);
        _writer.WriteUInt32(sample.Output);
        _writer.WriteUInt32(sample.DiscardReason);
        BeginRecordList();
    }

    /// <summary>Copies a whole sample (tag, length and body) taken from another datagram.</summary>
    public void WriteRawSample(SflowTag tag, scoped ReadOnlySpan<byte> body)
    {
        EnsureNoOpenSample();
        _writer.WriteUInt32(tag.Value);
        _writer.WriteOpaque(body);
        _samples++;
    }

    /// <summary>Starts a record; write its body through <see cref="Body"/>, then call <see cref="EndRecord"/>.</summary>
    public void BeginRecord(SflowTag tag)
    {
        if (_sampleMark < 0 || _recordMark >= 0)
        {
            throw new InvalidOperationException("A record must be written inside an open sample, one at a time.");
        }

        _writer.WriteUInt32(tag.Value);
        _recordMark = _writer.BeginLength();
    }

    public void EndRecord()
    {
        if (_recordMark < 0)
        {
            throw new InvalidOperationException("No record is open.");
        }

        _writer.EndLength(_recordMark);
        _recordMark = -1;
        _records++;
    }

    /// <summary>Writes a record whose body is already encoded.</summary>
    public void WriteRecord(SflowTag tag, scoped ReadOnlySpan<byte> body)
    {
        BeginRecord(tag);
        _writer.WriteFixed(body);
        EndRecord();
    }

    public void EndSample()
    {
        if (_sampleMark < 0 || _recordMark >= 0)
        {
            throw new InvalidOperationException("No sample is open, or a record is still open.");
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(_recordCountOffset, 4), _records);
        _writer.EndLength(_sampleMark);
        _sampleMark = -1;
        _samples++;
    }

    /// <summary>Fills in the sample count; returns the datagram.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        EnsureNoOpenSample();
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(_sampleCountOffset, 4), _samples);
        return _writer.Written;
    }

    private void BeginSample(SflowTag tag)
    {
        EnsureNoOpenSample();
        _writer.WriteUInt32(tag.Value);
        _sampleMark = _writer.BeginLength();
    }

    private void WriteSourceId(in SflowSample sample, bool expanded)
    {
        if (expanded)
        {
            _writer.WriteUInt32(sample.SourceIdClass);
            _writer.WriteUInt32(sample.SourceIdIndex);
        }
        else
        {
            _writer.WriteUInt32((sample.SourceIdClass << 24) | (sample.SourceIdIndex & 0x00FFFFFF));
        }
    }

    private void BeginRecordList()
    {
        _recordCountOffset = _writer.Position;
        _writer.WriteUInt32(0);
        _records = 0;
    }

    private readonly void EnsureNoOpenSample()
    {
        if (_sampleMark >= 0)
        {
            throw new InvalidOperationException("A sample is still open.");
        }
    }
}
