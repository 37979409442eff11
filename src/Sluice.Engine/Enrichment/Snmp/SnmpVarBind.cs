namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>An OID and its value (NULL in a request).</summary>
public sealed record SnmpVarBind(SnmpOid Oid, SnmpValue Value);
