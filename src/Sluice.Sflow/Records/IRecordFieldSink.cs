using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Records;

/// <summary>Receives the fields of a record as <see cref="RecordWalker"/> reads them.</summary>
public interface IRecordFieldSink
{
    /// <summary>A <see cref="FieldType.Word32"/> or <see cref="FieldType.Word64"/> field.</summary>
    void OnNumber(FieldSpec field, ulong value);

    /// <summary>A <see cref="FieldType.Real32"/> or <see cref="FieldType.Real64"/> field.</summary>
    void OnReal(FieldSpec field, double value);

    /// <summary>A string, opaque or fixed-length field (without padding).</summary>
    void OnBytes(FieldSpec field, ReadOnlySpan<byte> value);

    void OnAddress(FieldSpec field, in SflowAddress value);

    void OnListStart(FieldSpec field, int count);

    void OnItemStart(FieldSpec field, int index);

    void OnItemEnd(FieldSpec field, int index);

    void OnListEnd(FieldSpec field);
}
