using System.Buffers.Binary;

namespace Sluice.Sflow.Xdr;

/// <summary>
/// Writes XDR-encoded sFlow data into a caller's buffer. Lengths of enclosing structures
/// (samples, records) are written with <see cref="BeginLength"/> / <see cref="EndLength"/>,
/// which reserve a length word and fill it in once the body is written.
/// Throws <see cref="InvalidOperationException"/> when the buffer is too small: encoding
/// is done by our own code into buffers it sized, so running out is a programming error.
/// </summary>
public ref struct SflowWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public SflowWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);
    }

    public void WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);
    }

    public void WriteSingle(float value) => WriteUInt32(BitConverter.SingleToUInt32Bits(value));

    public void WriteDouble(double value) => WriteUInt64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Writes the bytes and zero padding up to a multiple of four.</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> value)
    {
        var target = Take(SflowReader.Padded(value.Length));
        value.CopyTo(target);
        target[value.Length..].Clear();
    }

    /// <summary>Writes variable-length opaque data or a string: length word, bytes, padding.</summary>
    public void WriteOpaque(scoped ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteFixed(value);
    }

    public void WriteAddress(in SflowAddress address)
    {
        WriteUInt32((uint)address.Type);
        WriteFixed(address.Bytes);
    }

    /// <summary>Reserves a length word; returns a mark to pass to <see cref="EndLength"/>.</summary>
    public int BeginLength()
    {
        var mark = _position;
        Take(4);
        return mark;
    }

    /// <summary>Fills the length word reserved at <paramref name="mark"/> with the bytes written since.</summary>
    public readonly void EndLength(int mark)
    {
        var length = _position - mark - 4;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(mark, 4), (uint)length);
    }

    private Span<byte> Take(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw new InvalidOperationException(
                $"sFlow writer buffer of {_buffer.Length} bytes is too small (needed {_position + count}).");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
