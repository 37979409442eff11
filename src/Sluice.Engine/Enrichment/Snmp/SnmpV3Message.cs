using System.Runtime.InteropServices;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv3 message (RFC 3412 §6) with the User-based Security Model: header (msgID, max size, flags, model 3),
/// <see cref="UsmSecurityParameters"/>, and the scoped PDU in <see cref="Data"/> — its BER encoding, or the encrypted
/// octets when <see cref="Flags"/> has the privacy bit.
/// </summary>
public sealed record SnmpV3Message(int MessageId, byte Flags, UsmSecurityParameters Security, ReadOnlyMemory<byte> Data)
{
    public const byte AuthFlag = 1;
    public const byte PrivFlag = 2;
    public const byte ReportableFlag = 4;

    private const int UsmSecurityModel = 3;

    /// <summary>The largest message we accept, as msgMaxSize tells the agent (the largest UDP payload).</summary>
    private const int MaxSize = 65_507;

    public bool IsEncrypted => (Flags & PrivFlag) != 0;

    public bool IsAuthenticated => (Flags & AuthFlag) != 0;

    public byte[] Encode()
    {
        var writer = new BerWriter();
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteInteger(SnmpMessage.V3);
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteInteger(MessageId);
        writer.WriteInteger(MaxSize);
        writer.WriteOctetString([Flags]);
        writer.WriteInteger(UsmSecurityModel);
        writer.EndConstructed();
        writer.WriteOctetString(Security.Encode());
        if (IsEncrypted)
        {
            writer.WriteOctetString(Data.Span);
        }
        else
        {
            writer.WriteEncoded(Data.Span);
        }

        writer.EndConstructed();
        return writer.ToArray();
    }

    /// <summary>The BER of a scoped PDU: the agent's contextEngineID, the default (empty) context, and the PDU.</summary>
    public static byte[] ScopedPdu(ReadOnlySpan<byte> contextEngineId, SnmpMessage pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var writer = new BerWriter();
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteOctetString(contextEngineId);
        writer.WriteOctetString(ReadOnlySpan<byte>.Empty);
        pdu.WritePdu(writer);
        writer.EndConstructed();
        return writer.ToArray();
    }

    /// <summary>Reads the PDU out of a (decrypted) scoped PDU.</summary>
    /// <exception cref="FormatException">Not a well-formed scoped PDU.</exception>
    public static SnmpMessage ReadScopedPdu(ReadOnlyMemory<byte> scoped)
    {
        var reader = new BerReader(scoped).ReadConstructed(BerTag.Sequence);
        _ = reader.ReadOctetString();
        _ = reader.ReadOctetString();
        return SnmpMessage.ReadPdu(reader, SnmpMessage.V3, string.Empty);
    }

    /// <exception cref="FormatException">The datagram is not a well-formed SNMPv3 USM message.</exception>
    public static SnmpV3Message Decode(ReadOnlyMemory<byte> datagram)
    {
        var message = new BerReader(datagram).ReadConstructed(BerTag.Sequence);
        if (message.ReadInteger() != SnmpMessage.V3)
        {
            throw new FormatException("SNMPv3: not a version 3 message");
        }

        var header = message.ReadConstructed(BerTag.Sequence);
        var id = header.ReadInteger();
        _ = header.ReadInteger();
        var flags = header.ReadOctetString();
        if (header.ReadInteger() != UsmSecurityModel || flags.Length != 1 || id is < 0 or > int.MaxValue)
        {
            throw new FormatException("SNMPv3: not a USM message");
        }

        var security = UsmSecurityParameters.Decode(message.ReadOctetString());
        var (tag, content) = message.Read();
        var encrypted = (flags.Span[0] & PrivFlag) != 0;
        ReadOnlyMemory<byte> data = (encrypted, tag) switch
        {
            (true, BerTag.OctetString) => content,
            (false, BerTag.Sequence) => Whole(content),
            _ => throw new FormatException("SNMPv3: scoped PDU does not match the privacy flag"),
        };
        return new SnmpV3Message((int)id, flags.Span[0], security, data);
    }

    /// <summary>
    /// Where msgAuthenticationParameters sit in an encoded message: HMAC is computed over the whole message with them
    /// zeroed, so both signing and checking need their offset.
    /// </summary>
    /// <exception cref="FormatException">The message is not well-formed.</exception>
    public static Range AuthParamsRange(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var message = new BerReader(encoded).ReadConstructed(BerTag.Sequence);
        _ = message.ReadInteger();
        _ = message.ReadConstructed(BerTag.Sequence);
        var security = new BerReader(message.ReadOctetString()).ReadConstructed(BerTag.Sequence);
        _ = security.ReadOctetString();
        _ = security.ReadInteger();
        _ = security.ReadInteger();
        _ = security.ReadOctetString();
        var auth = security.ReadOctetString();
        if (!MemoryMarshal.TryGetArray(auth, out var segment) || segment.Array != encoded)
        {
            throw new FormatException("SNMPv3: authentication parameters not found");
        }

        return new Range(segment.Offset, segment.Offset + segment.Count);
    }

    /// <summary>The scoped PDU's own tag and length back in front of its content (the reader hands out content only).</summary>
    private static byte[] Whole(ReadOnlyMemory<byte> content)
    {
        var writer = new BerWriter();
        writer.WriteTagged(BerTag.Sequence, content.Span);
        return writer.ToArray();
    }

    public bool Equals(SnmpV3Message? other) =>
        other is not null && MessageId == other.MessageId && Flags == other.Flags && Security.Equals(other.Security) && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(MessageId, Flags, Security, Data.Length);
}
