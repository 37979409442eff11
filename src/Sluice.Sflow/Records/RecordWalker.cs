using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Records;

/// <summary>
/// Reads a record body field by field according to its <see cref="RecordLayout"/> and reports each
/// field to a sink. Like the sFlow reference decoder, the layout must use the body exactly
/// (up to XDR padding); otherwise the result says <see cref="SflowDecodeErrorKind.LengthMismatch"/>.
/// </summary>
public static class RecordWalker
{
    /// <summary>Checks a body against its layout without looking at the values.</summary>
    public static RecordWalkResult Validate(RecordLayout layout, ReadOnlySpan<byte> body, uint version)
    {
        var sink = default(NullFieldSink);
        return Walk(layout, body, version, ref sink);
    }

    public static RecordWalkResult Walk<TSink>(RecordLayout layout, in SflowRecord record, ref TSink sink)
        where TSink : IRecordFieldSink, allows ref struct =>
        Walk(layout, record.Body, record.Version, ref sink);

    public static RecordWalkResult Walk<TSink>(RecordLayout layout, ReadOnlySpan<byte> body, uint version, ref TSink sink)
        where TSink : IRecordFieldSink, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(layout);
        var reader = new SflowReader(body);
        var error = WalkFields(layout.Fields, ref reader, body.Length, version, ref sink);
        if (error != SflowDecodeErrorKind.None)
        {
            return new RecordWalkResult(error, reader.Position);
        }

        return reader.Position == SflowReader.Padded(body.Length)
            ? new RecordWalkResult(SflowDecodeErrorKind.None, reader.Position)
            : new RecordWalkResult(SflowDecodeErrorKind.LengthMismatch, reader.Position);
    }

    private static SflowDecodeErrorKind WalkFields<TSink>(
        IReadOnlyList<FieldSpec> fields,
        ref SflowReader reader,
        int recordLength,
        uint version,
        ref TSink sink)
        where TSink : IRecordFieldSink, allows ref struct
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (version < field.MinVersion)
            {
                continue;
            }

            if (field.PresentIfLongerThan >= 0 && recordLength <= field.PresentIfLongerThan)
            {
                return SflowDecodeErrorKind.None;
            }

            var error = WalkField(field, ref reader, recordLength, version, ref sink);
            if (error != SflowDecodeErrorKind.None)
            {
                return error;
            }
        }

        return SflowDecodeErrorKind.None;
    }

    private static SflowDecodeErrorKind WalkField<TSink>(
        FieldSpec field,
        ref SflowReader reader,
        int recordLength,
        uint version,
        ref TSink sink)
        where TSink : IRecordFieldSink, allows ref struct
    {
        switch (field.Type)
        {
            case FieldType.Word32:
                if (!reader.TryReadUInt32(out var u32))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnNumber(field, u32);
                return SflowDecodeErrorKind.None;
            case FieldType.Word64:
                if (!reader.TryReadUInt64(out var u64))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnNumber(field, u64);
                return SflowDecodeErrorKind.None;
            case FieldType.Real32:
                if (!reader.TryReadSingle(out var f32))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnReal(field, f32);
                return SflowDecodeErrorKind.None;
            case FieldType.Real64:
                if (!reader.TryReadDouble(out var f64))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnReal(field, f64);
                return SflowDecodeErrorKind.None;
            case FieldType.Text:
            case FieldType.Opaque:
                if (!reader.TryReadOpaque(out var bytes))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnBytes(field, bytes);
                return SflowDecodeErrorKind.None;
            case FieldType.Fixed:
                if (!reader.TryReadFixed(field.FixedLength, out var fixedBytes))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                sink.OnBytes(field, fixedBytes);
                return SflowDecodeErrorKind.None;
            case FieldType.Address:
                if (!reader.TryReadUInt32(out var addressType))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                if (addressType is not (1 or 2))
                {
                    return SflowDecodeErrorKind.BadAddressType;
                }

                if (!reader.TryReadFixed(addressType == 1 ? 4 : 16, out var addressBytes))
                {
                    return SflowDecodeErrorKind.Truncated;
                }

                var address = addressType == 1 ? SflowAddress.FromIPv4(addressBytes) : SflowAddress.FromIPv6(addressBytes);
                sink.OnAddress(field, in address);
                return SflowDecodeErrorKind.None;
            case FieldType.List:
                return WalkList(field, ref reader, recordLength, version, ref sink);
            default:
                return SflowDecodeErrorKind.Malformed;
        }
    }

    private static SflowDecodeErrorKind WalkList<TSink>(
        FieldSpec field,
        ref SflowReader reader,
        int recordLength,
        uint version,
        ref TSink sink)
        where TSink : IRecordFieldSink, allows ref struct
    {
        if (!reader.TryReadUInt32(out var count))
        {
            return SflowDecodeErrorKind.Truncated;
        }

        // Every item takes at least four bytes, so a count beyond what remains cannot be honest.
        if (count > (uint)field.MaxItems || count > (uint)(reader.Remaining / 4))
        {
            return count > (uint)(reader.Remaining / 4) ? SflowDecodeErrorKind.Truncated : SflowDecodeErrorKind.Malformed;
        }

        var items = field.Item ?? [];
        sink.OnListStart(field, (int)count);
        for (var i = 0; i < (int)count; i++)
        {
            sink.OnItemStart(field, i);
            var error = WalkFields(items, ref reader, recordLength, version, ref sink);
            if (error != SflowDecodeErrorKind.None)
            {
                return error;
            }

            sink.OnItemEnd(field, i);
        }

        sink.OnListEnd(field);
        return SflowDecodeErrorKind.None;
    }
}
