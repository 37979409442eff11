using System.Buffers.Binary;
using Sluice.Engine.Flows.Logging;

namespace Sluice.Engine.Export.Ipfix;

/// <summary>
/// Builds one IPFIX message (RFC 7011 §3) in a reusable buffer: the 16-byte message header, an optional template
/// set, then one data set of as many records as fit. Sets are not padded (padding is optional, §3.3.1).
/// </summary>
internal sealed class IpfixMessageWriter
{
    /// <summary>RFC 7011 §3.1: version 10 identifies IPFIX.</summary>
    public const ushort Version = 10;

    /// <summary>RFC 7011 §3.3.2: set ID 2 is a template set.</summary>
    public const ushort TemplateSetId = 2;

    public const int MessageHeaderLength = 16;
    public const int SetHeaderLength = 4;

    private readonly byte[] _buffer;
    private int _length;
    private int _dataSetStart;

    public IpfixMessageWriter(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 256);
        _buffer = new byte[maxBytes];
    }

    /// <summary>Data records in the message so far.</summary>
    public int DataRecords { get; private set; }

    public bool IsEmpty => _length <= MessageHeaderLength;

    /// <summary>
    /// Starts a message. <paramref name="sequence"/> is the count of data records sent before it in this domain (mod 2^32);
    /// <paramref name="exportSeconds"/> the export time in seconds since the epoch.
    /// </summary>
    public void Begin(uint exportSeconds, uint sequence, uint observationDomain)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer, Version);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(4), exportSeconds);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(12), observationDomain);
        _length = MessageHeaderLength;
        _dataSetStart = -1;
        DataRecords = 0;
    }

    /// <summary>Adds a template set holding <paramref name="template"/>; call before any data record.</summary>
    public void AddTemplateSet(IpfixTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var setLength = SetHeaderLength + template.TemplateRecordLength;
        if (_dataSetStart >= 0 || _length + setLength > _buffer.Length)
        {
            throw new InvalidOperationException("the template set must come first and fit the message");
        }

        var set = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteUInt16BigEndian(set, TemplateSetId);
        BinaryPrimitives.WriteUInt16BigEndian(set[2..], (ushort)setLength);
        template.WriteTemplateRecord(set[SetHeaderLength..]);
        _length += setLength;
    }

    /// <summary>Adds a data record (opening the data set on the first); false when the message has no room left.</summary>
    public bool TryAddRecord(IpfixTemplate template, FlowRecord record)
    {
        ArgumentNullException.ThrowIfNull(template);
        var needed = template.RecordLength + (_dataSetStart < 0 ? SetHeaderLength : 0);
        if (_length + needed > _buffer.Length)
        {
            return false;
        }

        if (_dataSetStart < 0)
        {
            // RFC 7011 §3.3.2: a data set's ID is the ID of the template that describes its records.
            _dataSetStart = _length;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), template.Id);
            _length += SetHeaderLength;
        }

        _length += template.WriteDataRecord(record, _buffer.AsSpan(_length));
        DataRecords++;
        return true;
    }

    /// <summary>Closes the data set and writes the message length; the bytes stay valid until the next <see cref="Begin"/>.</summary>
    public ReadOnlyMemory<byte> Finish()
    {
        if (_dataSetStart >= 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_dataSetStart + 2), (ushort)(_length - _dataSetStart));
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), (ushort)_length);
        return _buffer.AsMemory(0, _length);
    }
}
