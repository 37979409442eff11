namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// Reads BER from a buffer an agent sent. Everything is bounds-checked: a short or malformed reply throws
/// <see cref="FormatException"/>, which the client counts and drops, never trusting a length it was given.
/// </summary>
public sealed class BerReader
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private int _position;

    public BerReader(ReadOnlyMemory<byte> buffer) => _buffer = buffer;

    public bool AtEnd => _position >= _buffer.Length;

    public byte PeekTag() => !AtEnd ? _buffer.Span[_position] : throw new FormatException("BER: unexpected end of data");

    /// <summary>Reads one tag-length-value; returns its tag and content.</summary>
    public (byte Tag, ReadOnlyMemory<byte> Content) Read()
    {
        var span = _buffer.Span;
        var tag = PeekTag();
        if ((tag & 0x1F) == 0x1F)
        {
            throw new FormatException("BER: multi-byte tags are not used by SNMP");
        }

        _position++;
        if (AtEnd)
        {
            throw new FormatException("BER: missing length");
        }

        int length = span[_position++];
        if (length >= 0x80)
        {
            var count = length & 0x7F;
            if (count is 0 or > 4)
            {
                throw new FormatException("BER: indefinite or oversized length");
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                if (AtEnd)
                {
                    throw new FormatException("BER: truncated length");
                }

                length = (length << 8) | span[_position++];
            }

            if (length < 0)
            {
                throw new FormatException("BER: oversized length");
            }
        }

        if (length > _buffer.Length - _position)
        {
            throw new FormatException("BER: length runs past the data");
        }

        var content = _buffer.Slice(_position, length);
        _position += length;
        return (tag, content);
    }

    public BerReader ReadConstructed(byte expectedTag)
    {
        var (tag, content) = Read();
        return tag == expectedTag ? new BerReader(content) : throw new FormatException($"BER: expected tag 0x{expectedTag:X2}, got 0x{tag:X2}");
    }

    public long ReadInteger()
    {
        var (tag, content) = Read();
        return tag == BerTag.Int32Value ? DecodeSigned(content.Span) : throw new FormatException($"BER: expected INTEGER, got 0x{tag:X2}");
    }

    public ReadOnlyMemory<byte> ReadOctetString()
    {
        var (tag, content) = Read();
        return tag == BerTag.OctetString ? content : throw new FormatException($"BER: expected OCTET STRING, got 0x{tag:X2}");
    }

    public SnmpOid ReadObjectIdentifier()
    {
        var (tag, content) = Read();
        return tag == BerTag.ObjectIdentifier ? SnmpOid.Decode(content.Span) : throw new FormatException($"BER: expected OBJECT IDENTIFIER, got 0x{tag:X2}");
    }

    public static long DecodeSigned(ReadOnlySpan<byte> content)
    {
        if (content.Length is 0 or > 8)
        {
            throw new FormatException("BER: INTEGER of 0 or more than 8 bytes");
        }

        long value = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
        {
            value = (value << 8) | content[i];
        }

        return value;
    }

    public static ulong DecodeUnsigned(ReadOnlySpan<byte> content)
    {
        if (content.Length > 1 && content[0] == 0)
        {
            content = content[1..];
        }

        if (content.Length is 0 or > 8)
        {
            throw new FormatException("BER: unsigned value of 0 or more than 8 bytes");
        }

        ulong value = 0;
        foreach (var b in content)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
