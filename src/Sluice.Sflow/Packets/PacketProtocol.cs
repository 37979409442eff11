namespace Sluice.Sflow.Packets;

/// <summary>
/// One token of the sFlow-RT <c>stack</c> key. <see cref="PacketFields.FormatStack"/> writes the lower-case names
/// (<c>eth</c>, <c>vlan</c>, <c>mpls</c>, <c>arp</c>, <c>ip</c>, <c>ip6</c>, <c>tcp</c>, <c>udp</c>, <c>icmp</c>,
/// <c>icmp6</c>, <c>gre</c>, <c>vxlan</c>, <c>geneve</c>, <c>dns</c>) joined by dots.
/// </summary>
public enum PacketProtocol
{
    /// <summary>No protocol (unused slot).</summary>
    None = 0,
    /// <summary><c>eth</c>: Ethernet II or 802.3 (LLC/SNAP add no token).</summary>
    Eth,
    /// <summary><c>vlan</c>: one token for the whole 802.1Q/802.1ad tag stack.</summary>
    Vlan,
    /// <summary><c>mpls</c>: one token for the whole label stack.</summary>
    Mpls,
    /// <summary><c>arp</c>.</summary>
    Arp,
    /// <summary><c>ip</c>: IPv4.</summary>
    Ip,
    /// <summary><c>ip6</c>: IPv6 (extension headers add no token).</summary>
    Ip6,
    /// <summary><c>tcp</c>.</summary>
    Tcp,
    /// <summary><c>udp</c>.</summary>
    Udp,
    /// <summary><c>icmp</c>.</summary>
    Icmp,
    /// <summary><c>icmp6</c>.</summary>
    Icmp6,
    /// <summary><c>gre</c> (also NVGRE).</summary>
    Gre,
    /// <summary><c>vxlan</c>.</summary>
    Vxlan,
    /// <summary><c>geneve</c>.</summary>
    Geneve,
    /// <summary><c>dns</c>.</summary>
    Dns,
}
