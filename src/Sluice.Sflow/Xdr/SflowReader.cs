using System.Buffers.Binary;

namespace Sluice.Sflow.Xdr;

/// <summary>
/// A cursor over XDR-encoded sFlow data (RFC 4506 as used by sFlow v5: big-endian 32-bit words,
/// opaque data and strings padded to a multiple of four bytes).
/// Every read is bounds-checked and returns false when the input ends early, so no declared
/// length or count can make it read past the buffer or allocate.
/// </summary>
public ref struct SflowReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SflowReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Byte offset of the cursor from the start of the buffer.</summary>
    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position >= _data.Length;

    public readonly ReadOnlySpan<byte> Buffer => _data;

    public bool TryReadUInt32(out uint value)
    {
        if (_data.Length - _position < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(_position, 4));
        _position += 4;
        return true;
    }

    public bool TryReadInt32(out int value)
    {
        var ok = TryReadUInt32(out var raw);
        value = unchecked((int)raw);
        return ok;
    }

    public bool TryReadUInt64(out ulong value)
    {
        if (_data.Length - _position < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_position, 8));
        _position += 8;
        return true;
    }

    public bool TryReadSingle(out float value)
    {
        var ok = TryReadUInt32(out var raw);
        value = BitConverter.UInt32BitsToSingle(raw);
        return ok;
    }

    public bool TryReadDouble(out double value)
    {
        var ok = TryReadUInt64(out var raw);
        value = BitConverter.UInt64BitsToDouble(raw);
        return ok;
    }

    /// <summary>Reads <paramref name="count"/> bytes and skips the XDR padding after them.</summary>
    public bool TryReadFixed(int count, out ReadOnlySpan<byte> value)
    {
        var padded = Padded(count);
        if (count < 0 || padded < 0 || _data.Length - _position < padded)
        {
            value = default;
            return false;
        }

        value = _data.Slice(_position, count);
        _position += padded;
        return true;
    }

    /// <summary>Reads variable-length opaque data or a string: a 32-bit length, the bytes, the padding.</summary>
    public bool TryReadOpaque(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (!TryReadUInt32(out var length) || length > int.MaxValue || !TryReadFixed((int)length, out value))
        {
            _position = start;
            value = default;
            return false;
        }

        return true;
    }

    public bool TrySkip(int count)
    {
        var padded = Padded(count);
        if (count < 0 || padded < 0 || _data.Length - _position < padded)
        {
            return false;
        }

        _position += padded;
        return true;
    }

    /// <summary>Reads an sFlow <c>address</c>: a type word (1 = IPv4, 2 = IPv6) and the address bytes.</summary>
    public bool TryReadAddress(out SflowAddress address)
    {
        var start = _position;
        address = default;
        if (!TryReadUInt32(out var type))
        {
            return false;
        }

        switch (type)
        {
            case (uint)SflowAddressType.IPv4 when TryReadFixed(4, out var v4):
                address = SflowAddress.FromIPv4(v4);
                return true;
            case (uint)SflowAddressType.IPv6 when TryReadFixed(16, out var v6):
                address = SflowAddress.FromIPv6(v6);
                return true;
            default:
                _position = start;
                return false;
        }
    }

    /// <summary>XDR rounds every opaque length up to a multiple of four.</summary>
    public static int Padded(int count) => (count + 3) & ~3;
}
