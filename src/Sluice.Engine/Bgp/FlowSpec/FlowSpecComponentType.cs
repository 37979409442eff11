namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>FlowSpec NLRI component types (RFC 8955 §4.2.2; IPv6 meanings and type 13 from RFC 8956 §3).</summary>
public enum FlowSpecComponentType : byte
{
    DestinationPrefix = 1,
    SourcePrefix = 2,

    /// <summary>IP protocol (IPv4) or upper-layer protocol / next header (IPv6).</summary>
    Protocol = 3,
    Port = 4,
    DestinationPort = 5,
    SourcePort = 6,

    /// <summary>ICMP type (IPv4) or ICMPv6 type (IPv6).</summary>
    IcmpType = 7,
    IcmpCode = 8,
    TcpFlags = 9,
    PacketLength = 10,
    Dscp = 11,
    Fragment = 12,

    /// <summary>IPv6 only (RFC 8956 §3.7).</summary>
    FlowLabel = 13,
}
