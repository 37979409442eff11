namespace Sluice.Sflow.Packets;

/// <summary>Which headers were seen in one layer (outer or inner) of a sampled packet header.</summary>
[Flags]
public enum PacketLayers
{
    /// <summary>Nothing decoded.</summary>
    None = 0,
    /// <summary>Ethernet II or 802.3 MAC header.</summary>
    Ethernet = 1 << 0,
    /// <summary>At least one 802.1Q/802.1ad tag.</summary>
    Vlan = 1 << 1,
    /// <summary>802.3 length frame with an 802.2 LLC header.</summary>
    Llc = 1 << 2,
    /// <summary>LLC with a SNAP header.</summary>
    Snap = 1 << 3,
    /// <summary>MPLS label stack.</summary>
    Mpls = 1 << 4,
    /// <summary>ARP for IPv4 over Ethernet.</summary>
    Arp = 1 << 5,
    /// <summary>IPv4 header.</summary>
    IPv4 = 1 << 6,
    /// <summary>IPv6 header.</summary>
    IPv6 = 1 << 7,
    /// <summary>IPv6 fragment extension header present.</summary>
    IPv6FragmentHeader = 1 << 8,
    /// <summary>Non-first fragment: no transport header follows.</summary>
    NonFirstFragment = 1 << 9,
    /// <summary>TCP header (at least the ports).</summary>
    Tcp = 1 << 10,
    /// <summary>UDP header.</summary>
    Udp = 1 << 11,
    /// <summary>ICMP header.</summary>
    Icmp = 1 << 12,
    /// <summary>ICMPv6 header.</summary>
    Icmp6 = 1 << 13,
    /// <summary>The IP header quoted in an ICMP/ICMPv6 destination-unreachable message was decoded.</summary>
    IcmpUnreachableInner = 1 << 14,
    /// <summary>DNS header (12 bytes).</summary>
    Dns = 1 << 15,
    /// <summary>The DNS question (name, type, class) was decoded completely.</summary>
    DnsQuestion = 1 << 16,
    /// <summary>GRE header.</summary>
    Gre = 1 << 17,
    /// <summary>VXLAN header.</summary>
    Vxlan = 1 << 18,
    /// <summary>Geneve header.</summary>
    Geneve = 1 << 19,
    /// <summary>The header ended (or a length field pointed) before a header of this layer was complete.</summary>
    Truncated = 1 << 30,
}
