namespace Sluice.Sflow.Pcap;

/// <summary>
/// LINKTYPE_ values written in the pcap global header (tcpdump.org/linktypes.html,
/// draft-ietf-opsawg-pcaplinktype). These are the file values, not the platform DLT_ values.
/// </summary>
public static class PcapLinkTypes
{
    /// <summary>LINKTYPE_NULL: BSD loopback, 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;

    /// <summary>LINKTYPE_ETHERNET: IEEE 802.3 Ethernet.</summary>
    public const int Ethernet = 1;

    /// <summary>LINKTYPE_RAW: raw IP, version taken from the first nibble.</summary>
    public const int Raw = 101;

    /// <summary>LINKTYPE_LOOP: OpenBSD loopback, 4-byte address family in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>LINKTYPE_LINUX_SLL: Linux "cooked" capture v1, 16-byte header.</summary>
    public const int LinuxSll = 113;

    /// <summary>LINKTYPE_IPV4: raw IPv4.</summary>
    public const int Ipv4 = 228;

    /// <summary>LINKTYPE_IPV6: raw IPv6.</summary>
    public const int Ipv6 = 229;

    /// <summary>LINKTYPE_LINUX_SLL2: Linux "cooked" capture v2, 20-byte header.</summary>
    public const int LinuxSll2 = 276;
}
