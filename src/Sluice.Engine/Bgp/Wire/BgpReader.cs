using System.Buffers.Binary;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// Reads big-endian fields from a BGP message body. Each <c>TryRead</c> returns false when the input ends early,
/// so the caller decides which NOTIFICATION a short field deserves.
/// </summary>
public ref struct BgpReader
{
    private readonly ReadOnlySpan<byte> _data;

    public BgpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly bool IsEmpty => Position >= _data.Length;

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = _data[Position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_data[Position..]);
        Position += 4;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if (count < 0 || Remaining < count)
        {
            value = default;
            return false;
        }

        value = _data.Slice(Position, count);
        Position += count;
        return true;
    }
}
