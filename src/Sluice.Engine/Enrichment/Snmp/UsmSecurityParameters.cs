namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>UsmSecurityParameters (RFC 3414 §2.4): the agent's engine, its boots and time, the user, the signature and the privacy salt.</summary>
public sealed record UsmSecurityParameters(ReadOnlyMemory<byte> EngineId, uint Boots, uint Time, string UserName, ReadOnlyMemory<byte> AuthParams, ReadOnlyMemory<byte> PrivParams)
{
    public byte[] Encode()
    {
        var writer = new BerWriter();
        writer.BeginConstructed(BerTag.Sequence);
        writer.WriteOctetString(EngineId.Span);
        writer.WriteInteger(Boots);
        writer.WriteInteger(Time);
        writer.WriteOctetString(UserName);
        writer.WriteOctetString(AuthParams.Span);
        writer.WriteOctetString(PrivParams.Span);
        writer.EndConstructed();
        return writer.ToArray();
    }

    /// <exception cref="FormatException">Not well-formed security parameters.</exception>
    public static UsmSecurityParameters Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new BerReader(encoded).ReadConstructed(BerTag.Sequence);
        var engineId = reader.ReadOctetString();
        var boots = reader.ReadInteger();
        var time = reader.ReadInteger();
        var user = System.Text.Encoding.UTF8.GetString(reader.ReadOctetString().Span);
        var auth = reader.ReadOctetString();
        var priv = reader.ReadOctetString();
        if (boots is < 0 or > int.MaxValue || time is < 0 or > int.MaxValue)
        {
            throw new FormatException("SNMPv3: engine boots or time out of range");
        }

        return new UsmSecurityParameters(engineId, (uint)boots, (uint)time, user, auth, priv);
    }

    public bool Equals(UsmSecurityParameters? other) =>
        other is not null && EngineId.Span.SequenceEqual(other.EngineId.Span) && Boots == other.Boots && Time == other.Time && UserName == other.UserName
        && AuthParams.Span.SequenceEqual(other.AuthParams.Span) && PrivParams.Span.SequenceEqual(other.PrivParams.Span);

    public override int GetHashCode() => HashCode.Combine(EngineId.Length, Boots, Time, UserName);
}
