namespace Sluice.Engine.Export.Ipfix;

/// <summary>How a flow key's value is encoded into its IPFIX field.</summary>
internal enum IpfixKeyKind
{
    /// <summary>Raw address bytes (IPv4, IPv6) or a MAC, as the key's bytes give them.</summary>
    Bytes,

    /// <summary>An unsigned number, big-endian in the field's length (RFC 7011 §6.1.1).</summary>
    Number,
}
