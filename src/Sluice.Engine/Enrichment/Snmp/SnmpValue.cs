using System.Text;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// One variable binding's value: its tag plus either a number (INTEGER (Int32Value), Counter32, Gauge32, TimeTicks, Counter64),
/// bytes (OCTET STRING, IpAddress), an OID, or nothing (NULL and the v2c exceptions noSuchObject/noSuchInstance/endOfMibView).
/// </summary>
public sealed record SnmpValue(byte Tag, long Number = 0, ReadOnlyMemory<byte> Bytes = default, SnmpOid? Oid = null)
{
    public static readonly SnmpValue Null = new(BerTag.Null);

    /// <summary>An exception in place of a value: the agent has no such object or instance, or the walk ended.</summary>
    public bool IsException => Tag is BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView;

    public string? Text => Tag == BerTag.OctetString ? Encoding.UTF8.GetString(Bytes.Span) : null;

    public static SnmpValue FromNumber(long value) => new(BerTag.Int32Value, value);

    public static SnmpValue OctetString(string text) => new(BerTag.OctetString, Bytes: Encoding.UTF8.GetBytes(text));

    public static SnmpValue FromCounter(byte tag, ulong value) => new(tag, unchecked((long)value));

    public static SnmpValue ObjectIdentifier(SnmpOid oid) => new(BerTag.ObjectIdentifier, Oid: oid);

    public void Write(BerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Tag)
        {
            case BerTag.Int32Value:
                writer.WriteInteger(Number);
                break;
            case BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks or BerTag.Counter64:
                writer.WriteUnsigned(Tag, unchecked((ulong)Number));
                break;
            case BerTag.ObjectIdentifier:
                writer.WriteObjectIdentifier(Oid!);
                break;
            default:
                writer.WriteTagged(Tag, Bytes.Span);
                break;
        }
    }

    public static SnmpValue Read(BerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (tag, content) = reader.Read();
        return tag switch
        {
            BerTag.Int32Value => FromNumber(BerReader.DecodeSigned(content.Span)),
            BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks or BerTag.Counter64 => FromCounter(tag, BerReader.DecodeUnsigned(content.Span)),
            BerTag.ObjectIdentifier => ObjectIdentifier(SnmpOid.Decode(content.Span)),
            BerTag.Null or BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView when content.IsEmpty => new SnmpValue(tag),
            BerTag.OctetString or BerTag.IpAddress => new SnmpValue(tag, Bytes: content.ToArray()),
            _ => throw new FormatException($"SNMP: unsupported value tag 0x{tag:X2}"),
        };
    }

    public bool Equals(SnmpValue? other) =>
        other is not null && Tag == other.Tag && Number == other.Number && Bytes.Span.SequenceEqual(other.Bytes.Span) && Equals(Oid, other.Oid);

    public override int GetHashCode() => HashCode.Combine(Tag, Number, Bytes.Length, Oid);
}
