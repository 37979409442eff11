namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>SNMPv3 USM authentication (<c>snmp.authprotocol</c>): HMAC-MD5-96 or HMAC-SHA-96 (RFC 3414).</summary>
public enum SnmpAuthProtocol
{
    None,
    Md5,
    Sha,
}
