namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv1/v2c message (RFC 3416 PDU inside the community-based wrapper): version (1 = v2c), community, and a
/// GetRequest, GetNextRequest or Response PDU.
/// </summary>
public sealed record SnmpMessage(int Version, string Community, byte PduType, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<SnmpVarBind> VarBinds)
{
    /// <summary>The version field of SNMPv2c messages.</summary>
    public const int V2c = 1;

    public byte[] Encode()
    {
        var writer = new BerWriter();
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteInteger(Version);
        writer.WriteOctetString(Community);
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
        writer.EndConstructed();
        return writer.ToArray();
    }

    /// <exception cref="FormatException">The datagram is not a well-formed community-based SNMP message.</exception>
    public static SnmpMessage Decode(ReadOnlyMemory<byte> datagram)
    {
        var message = new BerReader(datagram).ReadConstructed(BerTag.Sequence);
        var version = (int)message.ReadInteger();
        var community = System.Text.Encoding.UTF8.GetString(message.ReadOctetString().Span);
        var pduType = message.PeekTag();
        if (pduType is not (BerTag.GetRequest or BerTag.GetNextRequest or BerTag.Response))
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
