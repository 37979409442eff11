namespace Sluice.Engine.Export.Ipfix;

/// <summary>A field specifier of a template record (RFC 7011 §3.2): an IANA element ID and its encoded length in bytes.</summary>
internal readonly record struct IpfixField(ushort ElementId, ushort Length);
