using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Records;

/// <summary>A sink that ignores every field: walking with it only checks the record's structure.</summary>
internal readonly struct NullFieldSink : IRecordFieldSink
{
    public void OnNumber(FieldSpec field, ulong value)
    {
    }

    public void OnReal(FieldSpec field, double value)
    {
    }

    public void OnBytes(FieldSpec field, ReadOnlySpan<byte> value)
    {
    }

    public void OnAddress(FieldSpec field, in SflowAddress value)
    {
    }

    public void OnListStart(FieldSpec field, int count)
    {
    }

    public void OnItemStart(FieldSpec field, int index)
    {
    }

    public void OnItemEnd(FieldSpec field, int index)
    {
    }

    public void OnListEnd(FieldSpec field)
    {
    }
}
