using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Records;

/// <summary>Reads a record body into <see cref="FieldValue"/>s, and writes them back.</summary>
public static class RecordValues
{
    /// <summary>Decodes a body; returns the fields read so far and the walk result.</summary>
    public static (IReadOnlyList<FieldValue> Values, RecordWalkResult Result) Read(
        RecordLayout layout, ReadOnlySpan<byte> body, uint version = 5)
    {
        var collector = new Collector();
        var result = RecordWalker.Walk(layout, body, version, ref collector);
        return (collector.Root, result);
    }

    /// <summary>
    /// Encodes <paramref name="values"/> (in layout order, as <see cref="Read"/> returns them) as the
    /// body of a record of <paramref name="layout"/>. Fields absent for <paramref name="version"/> are skipped.
    /// </summary>
    public static void Write(RecordLayout layout, IReadOnlyList<FieldValue> values, ref SflowWriter writer, uint version = 5)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(values);
        WriteFields(values, ref writer, version);
    }

    /// <summary>Writes a whole record: tag, length and body.</summary>
    public static void WriteRecord(RecordLayout layout, IReadOnlyList<FieldValue> values, ref SflowWriter writer, uint version = 5)
    {
        ArgumentNullException.ThrowIfNull(layout);
        writer.WriteUInt32(layout.Tag.Value);
        var mark = writer.BeginLength();
        Write(layout, values, ref writer, version);
        writer.EndLength(mark);
    }

    private static void WriteFields(IReadOnlyList<FieldValue> values, ref SflowWriter writer, uint version)
    {
        foreach (var value in values)
        {
            var field = value.Field;
            if (version < field.MinVersion)
            {
                continue;
            }

            switch (field.Type)
            {
                case FieldType.Word32:
                    writer.WriteUInt32((uint)value.Number);
                    break;
                case FieldType.Word64:
                    writer.WriteUInt64(value.Number);
                    break;
                case FieldType.Real32:
                    writer.WriteSingle((float)value.Real);
                    break;
                case FieldType.Real64:
                    writer.WriteDouble(value.Real);
                    break;
                case FieldType.Text:
                case FieldType.Opaque:
                    writer.WriteOpaque(value.Bytes.Span);
                    break;
                case FieldType.Fixed:
                    writer.WriteFixed(value.Bytes.Span);
                    break;
                case FieldType.Address:
                    writer.WriteAddress(value.Address);
                    break;
                case FieldType.List:
                    writer.WriteUInt32((uint)value.Items.Count);
                    foreach (var item in value.Items)
                    {
                        WriteFields(item, ref writer, version);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown field type {field.Type}.");
            }
        }
    }

    private sealed class Collector : IRecordFieldSink
    {
        private readonly Stack<List<FieldValue>> _open = new();
        private readonly Stack<(FieldSpec Field, List<IReadOnlyList<FieldValue>> Items)> _lists = new();

        public Collector() => _open.Push(Root);

        public List<FieldValue> Root { get; } = [];

        public void OnNumber(FieldSpec field, ulong value) => _open.Peek().Add(new FieldValue(field) { Number = value });

        public void OnReal(FieldSpec field, double value) => _open.Peek().Add(new FieldValue(field) { Real = value });

        public void OnBytes(FieldSpec field, ReadOnlySpan<byte> value) =>
            _open.Peek().Add(new FieldValue(field) { Bytes = value.ToArray() });

        public void OnAddress(FieldSpec field, in SflowAddress value) =>
            _open.Peek().Add(new FieldValue(field) { Address = value });

        public void OnListStart(FieldSpec field, int count) => _lists.Push((field, new List<IReadOnlyList<FieldValue>>(count)));

        public void OnItemStart(FieldSpec field, int index)
        {
            var item = new List<FieldValue>();
            _lists.Peek().Items.Add(item);
            _open.Push(item);
        }

        public void OnItemEnd(FieldSpec field, int index) => _open.Pop();

        public void OnListEnd(FieldSpec field)
        {
            var (listField, items) = _lists.Pop();
            _open.Peek().Add(new FieldValue(listField) { Items = items });
        }
    }
}
