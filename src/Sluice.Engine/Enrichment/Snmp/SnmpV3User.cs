namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv3 USM user (<c>snmp.user</c>, <c>snmp.authprotocol</c>, <c>snmp.authpasswd</c>, <c>snmp.privprotocol</c>,
/// <c>snmp.privpasswd</c>). Privacy needs authentication (USM has no noAuthPriv level).
/// </summary>
public sealed record SnmpV3User(string Name, SnmpAuthProtocol Auth = SnmpAuthProtocol.None, string AuthPassword = "", SnmpPrivProtocol Priv = SnmpPrivProtocol.None, string PrivPassword = "")
{
    /// <summary>Throws when the combination cannot work, so a mistake shows at startup rather than as agents that never answer.</summary>
    /// <exception cref="FormatException">Privacy without authentication, or a password shorter than USM's 8 characters.</exception>
    public SnmpV3User Validated()
    {
        if (string.IsNullOrEmpty(Name))
        {
            throw new FormatException("snmp.user: SNMPv3 needs a user name");
        }

        if (Priv != SnmpPrivProtocol.None && Auth == SnmpAuthProtocol.None)
        {
            throw new FormatException("snmp.privprotocol: SNMPv3 privacy needs snmp.authprotocol as well");
        }

        if (Auth != SnmpAuthProtocol.None && AuthPassword.Length < 8)
        {
            throw new FormatException("snmp.authpasswd: SNMPv3 passwords have at least 8 characters");
        }

        if (Priv != SnmpPrivProtocol.None && PrivPassword.Length < 8)
        {
            throw new FormatException("snmp.privpasswd: SNMPv3 passwords have at least 8 characters");
        }

        return this;
    }

    /// <summary>The USM msgFlags bits for this user's level (authNoPriv, authPriv or noAuthNoPriv), without reportable.</summary>
    internal byte SecurityFlags => (byte)((Auth != SnmpAuthProtocol.None ? 1 : 0) | (Priv != SnmpPrivProtocol.None ? 2 : 0));

    // Passwords stay out of logs and exception messages.
    public override string ToString() => $"SnmpV3User {{ Name = {Name}, Auth = {Auth}, Priv = {Priv} }}";
}
