using System.Text;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// Writes BER (definite lengths, minimal encodings) into a growable buffer. Constructed values are written by
/// <see cref="BeginConstructed"/>/<see cref="EndConstructed"/>, which reserve a length and fix it up afterwards.
/// </summary>
public sealed class BerWriter
{
    private readonly List<byte> _bytes = new(128);
    private readonly Stack<int> _open = new();

    public void WriteInteger(long value) => WriteIntegerTagged(BerTag.Int32Value, value);

    /// <summary>Two's-complement, shortest form: the tag's content is the fewest bytes that keep the sign.</summary>
    public void WriteIntegerTagged(byte tag, long value)
    {
        var length = 8;
        while (length > 1)
        {
            var top = (byte)(value >> ((length - 1) * 8));
            var next = (byte)(value >> ((length - 2) * 8));
            if ((top == 0 && (next & 0x80) == 0) || (top == 0xFF && (next & 0x80) != 0))
            {
                length--;
            }
            else
            {
                break;
            }
        }

        WriteHeader(tag, length);
        for (var i = length - 1; i >= 0; i--)
        {
            _bytes.Add((byte)(value >> (i * 8)));
        }
    }

    /// <summary>Counter32, Gauge32, TimeTicks and Counter64 are unsigned: a leading zero keeps the top bit from reading as a sign.</summary>
    public void WriteUnsigned(byte tag, ulong value)
    {
        var length = 1;
        while (length < 8 && value >> (length * 8) != 0)
        {
            length++;
        }

        var pad = (value >> ((length * 8) - 1) & 1) == 1;
        WriteHeader(tag, length + (pad ? 1 : 0));
        if (pad)
        {
            _bytes.Add(0);
        }

        for (var i = length - 1; i >= 0; i--)
        {
            _bytes.Add((byte)(value >> (i * 8)));
        }
    }

    public void WriteOctetString(ReadOnlySpan<byte> value) => WriteTagged(BerTag.OctetString, value);

    public void WriteOctetString(string value) => WriteOctetString(Encoding.UTF8.GetBytes(value));

    public void WriteTagged(byte tag, ReadOnlySpan<byte> content)
    {
        WriteHeader(tag, content.Length);
        foreach (var b in content)
        {
            _bytes.Add(b);
        }
    }

    /// <summary>Appends a value that is already BER (an SNMPv3 scoped PDU built on its own to be signed or encrypted).</summary>
    public void WriteEncoded(ReadOnlySpan<byte> encoded) => _bytes.AddRange(encoded);

    public void WriteNull() => WriteHeader(BerTag.Null, 0);

    public void WriteObjectIdentifier(SnmpOid oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        WriteTagged(BerTag.ObjectIdentifier, oid.Encode());
    }

    public void BeginConstructed(byte tag)
    {
        _bytes.Add(tag);
        _open.Push(_bytes.Count);
    }

    public void EndConstructed()
    {
        var start = _open.Pop();
        var length = _bytes.Count - start;
        _bytes.InsertRange(start, LengthBytes(length));
    }

    public byte[] ToArray() => _open.Count == 0 ? [.. _bytes] : throw new InvalidOperationException("a constructed value is still open");

    private void WriteHeader(byte tag, int length)
    {
        _bytes.Add(tag);
        _bytes.AddRange(LengthBytes(length));
    }

    private static byte[] LengthBytes(int length)
    {
        if (length < 0x80)
        {
            return [(byte)length];
        }

        var count = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        var bytes = new byte[count + 1];
        bytes[0] = (byte)(0x80 | count);
        for (var i = 0; i < count; i++)
        {
            bytes[count - i] = (byte)(length >> (i * 8));
        }

        return bytes;
    }
}
