namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv1/v2c message (RFC 3416 PDU inside the community-based wrapper): version (1 = v2c), community, and a
/// GetRequest, GetNextRequest, Response or Report PDU. SNMPv3 replies decode to the same shape (version 3, no community).
/// </summary>
public sealed record SnmpMessage(int Version, string Community, byte PduType, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<SnmpVarBind> VarBinds)
{
    /// <summary>The version field of SNMPv2c messages.</summary>
    public const int V2c = 1;

    /// <summary>The version field of SNMPv3 messages.</summary>
    public const int V3 = 3;

    public byte[] Encode()
    {
        var writer = new BerWriter();
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteInteger(Version);
        writer.WriteOctetString(Community);
        WritePdu(writer);
        writer.EndConstructed();
        return writer.ToArray();
    }

    /// <summary>Writes just the PDU (as SNMPv3 carries it inside a scoped PDU).</summary>
    public void WritePdu(BerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.BeginConstructed(PduType);
        writer.WriteInteger(RequestId);
        writer.WriteInteger(ErrorStatus);
        writer.WriteInteger(ErrorIndex);
        writer.BeginConstructed(BerTag.Sequence);
        foreach (var bind in VarBinds)
        {
            writer.BeginConstructed(BerTag.Sequence);
            writer.WriteObjectIdentifier(bind.Oid);
            bind.Value.Write(writer);
            writer.EndConstructed();
        }

        writer.EndConstructed();
        writer.EndConstructed();
    }

    /// <exception cref="FormatException">The datagram is not a well-formed community-based SNMP message.</exception>
    public static SnmpMessage Decode(ReadOnlyMemory<byte> datagram)
    {
        var message = new BerReader(datagram).ReadConstructed(BerTag.Sequence);
        var version = (int)message.ReadInteger();
        var community = System.Text.Encoding.UTF8.GetString(message.ReadOctetString().Span);
        return ReadPdu(message, version, community);
    }

    /// <summary>Reads just the PDU; <paramref name="version"/> and <paramref name="community"/> are what the wrapper around it said.</summary>
    /// <exception cref="FormatException">Not a well-formed GetRequest, GetNextRequest, Response or Report PDU.</exception>
    public static SnmpMessage ReadPdu(BerReader message, int version, string community)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pduType = message.PeekTag();
        if (pduType is not (BerTag.GetRequest or BerTag.GetNextRequest or BerTag.Response or BerTag.Report))
        {
            throw new FormatException($"SNMP: unsupported PDU 0x{pduType:X2}");
        }

        var pdu = message.ReadConstructed(pduType);
        var requestId = (int)pdu.ReadInteger();
        var errorStatus = (int)pdu.ReadInteger();
        var errorIndex = (int)pdu.ReadInteger();
        var list = pdu.ReadConstructed(BerTag.Sequence);
        var binds = new List<SnmpVarBind>();
        while (!list.AtEnd)
        {
            var bind = list.ReadConstructed(BerTag.Sequence);
            binds.Add(new SnmpVarBind(bind.ReadObjectIdentifier(), SnmpValue.Read(bind)));
        }

        return new SnmpMessage(version, community, pduType, requestId, errorStatus, errorIndex, binds);
    }

    public bool Equals(SnmpMessage? other) =>
        other is not null && Version == other.Version && Community == other.Community && PduType == other.PduType && RequestId == other.RequestId
        && ErrorStatus == other.ErrorStatus && ErrorIndex == other.ErrorIndex && VarBinds.SequenceEqual(other.VarBinds);

    public override int GetHashCode() => HashCode.Combine(Version, Community, PduType, RequestId, VarBinds.Count);
}
