using System.Buffers.Binary;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// Builds BGP messages into a growing buffer: <see cref="BeginMessage"/> writes the marker and type,
/// <see cref="EndMessage"/> fills in the length. Lengths of nested parts (attributes, NLRI) are patched the same way
/// with <see cref="Reserve16"/>/<see cref="Patch16"/>. Messages are built only on changes, never per packet.
/// </summary>
public sealed class BgpMessageWriter
{
    /// <summary>The fixed header: 16-octet marker, 2-octet length, 1-octet type (RFC 4271 §4.1).</summary>
    public const int HeaderLength = 19;

    private byte[] _buffer = new byte[256];
    private int _messageStart = -1;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void BeginMessage(BgpMessageType type)
    {
        _messageStart = Length;
        Ensure(HeaderLength);
        _buffer.AsSpan(Length, 16).Fill(0xFF);
        Length += 18;
        _buffer[Length++] = (byte)type;
    }

    /// <summary>Completes the message begun last; throws when it is longer than <paramref name="maxLength"/>.</summary>
    public void EndMessage(int maxLength = 4096)
    {
        var length = Length - _messageStart;
        if (length > maxLength)
        {
            throw new InvalidOperationException($"a BGP message of {length} octets exceeds the {maxLength}-octet limit");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_messageStart + 16), (ushort)length);
        _messageStart = -1;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(Length), value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>Leaves room for a 2-octet length; returns where it goes.</summary>
    public int Reserve16()
    {
        var at = Length;
        WriteUInt16(0);
        return at;
    }

    /// <summary>Leaves room for a 1-octet length; returns where it goes.</summary>
    public int Reserve8()
    {
        var at = Length;
        WriteByte(0);
        return at;
    }

    /// <summary>Writes at <paramref name="at"/> the number of octets written since the reserved field.</summary>
    public void Patch16(int at) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at), checked((ushort)(Length - at - 2)));

    public void Patch8(int at) => _buffer[at] = checked((byte)(Length - at - 1));

    /// <summary>A copy of everything written.</summary>
    public byte[] ToArray() => Written.ToArray();

    public void Clear()
    {
        Length = 0;
        _messageStart = -1;
    }

    private void Ensure(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
    }
}
