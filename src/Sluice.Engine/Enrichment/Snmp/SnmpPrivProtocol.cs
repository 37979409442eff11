namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>SNMPv3 USM privacy (<c>snmp.privprotocol</c>): CBC-DES (RFC 3414) or CFB128-AES-128 (RFC 3826).</summary>
public enum SnmpPrivProtocol
{
    None,
    Des,
    Aes,
}
