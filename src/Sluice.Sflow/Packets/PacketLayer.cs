using System.Diagnostics.CodeAnalysis;

namespace Sluice.Sflow.Packets;

/// <summary>
/// The L2–L4 fields of one layer of a sampled header: the outer packet, or the packet inside a tunnel
/// (the sFlow-RT <c>.1</c> keys). A field is meaningful only when <see cref="Layers"/> has its flag.
/// </summary>
/// <remarks>
/// Addresses are returned as 4 bytes (IPv4) or 16 bytes (IPv6) in network order, MACs as 6 bytes.
/// Integer fields are in host order.
/// </remarks>
public struct PacketLayer
{
    /// <summary>How many MPLS label stack entries are kept.</summary>
    public const int MaxMplsLabels = 4;

    private Bytes6 _sourceMac;
    private Bytes6 _destinationMac;
    private Bytes6 _arpSenderMac;
    private Bytes6 _arpTargetMac;
    private Bytes16 _arpSenderIp;
    private Bytes16 _arpTargetIp;
    private Bytes16 _sourceAddress;
    private Bytes16 _destinationAddress;
    private Bytes16 _icmpInnerSource;
    private Bytes16 _icmpInnerDestination;
    private MplsLabelBuffer _mplsLabels;

    /// <summary>Headers seen in this layer.</summary>
    public PacketLayers Layers { readonly get; internal set; }

    /// <summary>Ethernet source MAC (6 bytes), empty without Ethernet.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> SourceMac => Has(PacketLayers.Ethernet) ? (ReadOnlySpan<byte>)_sourceMac : default;

    /// <summary>Ethernet destination MAC (6 bytes), empty without Ethernet.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> DestinationMac => Has(PacketLayers.Ethernet) ? (ReadOnlySpan<byte>)_destinationMac : default;

    /// <summary>Destination MAC is ff:ff:ff:ff:ff:ff (sFlow-RT <c>isbroadcast</c>).</summary>
    public readonly bool IsBroadcast => Has(PacketLayers.Ethernet) && ((ReadOnlySpan<byte>)_destinationMac).IndexOfAnyExcept((byte)0xFF) < 0;

    /// <summary>Destination MAC has the group bit set and is not broadcast (sFlow-RT <c>ismulticast</c>).</summary>
    public readonly bool IsMulticast => Has(PacketLayers.Ethernet) && (_destinationMac[0] & 0x01) != 0 && !IsBroadcast;

    /// <summary>Destination MAC is an individual address (sFlow-RT <c>isunicast</c>).</summary>
    public readonly bool IsUnicast => Has(PacketLayers.Ethernet) && (_destinationMac[0] & 0x01) == 0;

    /// <summary>EtherType after any VLAN tags (SNAP type for 802.3/SNAP, 0x0800 for LLC IP), 0 if unknown.</summary>
    public ushort EtherType { readonly get; internal set; }

    /// <summary>Number of 802.1Q/802.1ad tags in the stack (all of them, even beyond the two kept).</summary>
    public byte VlanCount { readonly get; internal set; }

    /// <summary>VLAN id (12 bits) of the outermost tag.</summary>
    public ushort Vlan { readonly get; internal set; }

    /// <summary>Priority (PCP, 3 bits) of the outermost tag.</summary>
    public byte Priority { readonly get; internal set; }

    /// <summary>VLAN id of the second tag (QinQ customer tag), when <see cref="VlanCount"/> &gt;= 2.</summary>
    public ushort InnerVlan { readonly get; internal set; }

    /// <summary>Priority of the second tag.</summary>
    public byte InnerPriority { readonly get; internal set; }

    /// <summary>Number of MPLS label stack entries seen (may exceed <see cref="MaxMplsLabels"/>).</summary>
    public byte MplsLabelCount { readonly get; internal set; }

    /// <summary>The top MPLS labels (20-bit values), top of stack first.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<uint> MplsLabels => ((ReadOnlySpan<uint>)_mplsLabels)[..Math.Min((int)MplsLabelCount, MaxMplsLabels)];

    /// <summary>ARP operation (1 request, 2 reply).</summary>
    public ushort ArpOperation { readonly get; internal set; }

    /// <summary>ARP sender hardware address (6 bytes).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> ArpSenderMac => Has(PacketLayers.Arp) ? (ReadOnlySpan<byte>)_arpSenderMac : default;

    /// <summary>ARP target hardware address (6 bytes).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> ArpTargetMac => Has(PacketLayers.Arp) ? (ReadOnlySpan<byte>)_arpTargetMac : default;

    /// <summary>ARP sender IPv4 address (4 bytes).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> ArpSenderIp => Has(PacketLayers.Arp) ? ((ReadOnlySpan<byte>)_arpSenderIp)[..4] : default;

    /// <summary>ARP target IPv4 address (4 bytes).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> ArpTargetIp => Has(PacketLayers.Arp) ? ((ReadOnlySpan<byte>)_arpTargetIp)[..4] : default;

    /// <summary>4 for IPv4, 6 for IPv6, 0 when there is no IP header.</summary>
    public byte IpVersion { readonly get; internal set; }

    /// <summary>Byte offset of this layer's IP header within the sampled header (sFlow-RT <c>ip_offset</c>).</summary>
    public int IpOffset { readonly get; internal set; }

    /// <summary>IPv4 header length in bytes including options; for IPv6 40 plus the extension headers walked.</summary>
    public int IpHeaderLength { readonly get; internal set; }

    /// <summary>IPv4 TOS byte or IPv6 traffic class.</summary>
    public byte Tos { readonly get; internal set; }

    /// <summary>DSCP: the top 6 bits of <see cref="Tos"/>.</summary>
    public readonly byte Dscp => (byte)(Tos >> 2);

    /// <summary>ECN: the low 2 bits of <see cref="Tos"/>.</summary>
    public readonly byte Ecn => (byte)(Tos & 0x3);

    /// <summary>IPv4 total length, or IPv6 payload length (0 for a jumbogram).</summary>
    public ushort IpLength { readonly get; internal set; }

    /// <summary>IPv4 identification (host order), or the IPv6 fragment header identification.</summary>
    public uint Identification { readonly get; internal set; }

    /// <summary>IPv4 flags (3 bits: reserved, DF, MF).</summary>
    public byte IpFlags { readonly get; internal set; }

    /// <summary>Fragment offset in 8-byte units, from IPv4 or from the IPv6 fragment header.</summary>
    public ushort FragmentOffset { readonly get; internal set; }

    /// <summary>More-fragments flag, from IPv4 flags or the IPv6 fragment header M bit (sFlow-RT <c>ip6fragm</c>).</summary>
    public bool MoreFragments { readonly get; internal set; }

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl { readonly get; internal set; }

    /// <summary>IPv4 protocol, or the final IPv6 next header after extension headers.</summary>
    public byte Protocol { readonly get; internal set; }

    /// <summary>IPv6 flow label (20 bits).</summary>
    public uint FlowLabel { readonly get; internal set; }

    /// <summary>Source IP address: 4 or 16 bytes, empty without IP.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> SourceAddress => Address(_sourceAddress, IpVersion);

    /// <summary>Destination IP address: 4 or 16 bytes, empty without IP.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> DestinationAddress => Address(_destinationAddress, IpVersion);

    /// <summary>TCP or UDP source port.</summary>
    public ushort SourcePort { readonly get; internal set; }

    /// <summary>TCP or UDP destination port.</summary>
    public ushort DestinationPort { readonly get; internal set; }

    /// <summary>TCP flags, 9 bits (NS, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN).</summary>
    public ushort TcpFlags { readonly get; internal set; }

    /// <summary>TCP window (unscaled).</summary>
    public ushort TcpWindow { readonly get; internal set; }

    /// <summary>UDP length field.</summary>
    public ushort UdpLength { readonly get; internal set; }

    /// <summary>ICMP or ICMPv6 type.</summary>
    public byte IcmpType { readonly get; internal set; }

    /// <summary>ICMP or ICMPv6 code.</summary>
    public byte IcmpCode { readonly get; internal set; }

    /// <summary>Echo request/reply identifier.</summary>
    public ushort IcmpId { readonly get; internal set; }

    /// <summary>Echo request/reply sequence number (sFlow-RT <c>icmpseqno</c>).</summary>
    public ushort IcmpSequence { readonly get; internal set; }

    /// <summary>IP version (4 or 6) of the header quoted in a destination-unreachable message.</summary>
    public byte IcmpInnerIpVersion { readonly get; internal set; }

    /// <summary>Protocol of the quoted header (sFlow-RT <c>icmpunreachableprotocol</c>).</summary>
    public byte IcmpInnerProtocol { readonly get; internal set; }

    /// <summary>Source address of the quoted header.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> IcmpInnerSource => Address(_icmpInnerSource, IcmpInnerIpVersion);

    /// <summary>Destination address of the quoted header (<c>icmpunreachablehost</c>, <c>icmpunreachablenet</c>).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> IcmpInnerDestination => Address(_icmpInnerDestination, IcmpInnerIpVersion);

    /// <summary>True when the quoted header's TCP/UDP ports were present.</summary>
    public bool IcmpInnerHasPorts { readonly get; internal set; }

    /// <summary>Source port of the quoted TCP/UDP header.</summary>
    public ushort IcmpInnerSourcePort { readonly get; internal set; }

    /// <summary>Destination port of the quoted TCP/UDP header (<c>icmpunreachableport</c>).</summary>
    public ushort IcmpInnerDestinationPort { readonly get; internal set; }

    /// <summary>True when every flag in <paramref name="layers"/> is set.</summary>
    public readonly bool Has(PacketLayers layers) => (Layers & layers) == layers;

    internal void Add(PacketLayers layers) => Layers |= layers;

    [UnscopedRef] internal Span<byte> SourceMacBuffer => _sourceMac;
    [UnscopedRef] internal Span<byte> DestinationMacBuffer => _destinationMac;
    [UnscopedRef] internal Span<byte> ArpSenderMacBuffer => _arpSenderMac;
    [UnscopedRef] internal Span<byte> ArpTargetMacBuffer => _arpTargetMac;
    [UnscopedRef] internal Span<byte> ArpSenderIpBuffer => _arpSenderIp;
    [UnscopedRef] internal Span<byte> ArpTargetIpBuffer => _arpTargetIp;
    [UnscopedRef] internal Span<byte> SourceAddressBuffer => _sourceAddress;
    [UnscopedRef] internal Span<byte> DestinationAddressBuffer => _destinationAddress;
    [UnscopedRef] internal Span<byte> IcmpInnerSourceBuffer => _icmpInnerSource;
    [UnscopedRef] internal Span<byte> IcmpInnerDestinationBuffer => _icmpInnerDestination;

    internal void AddMplsLabel(uint label)
    {
        if (MplsLabelCount < MaxMplsLabels)
        {
            _mplsLabels[MplsLabelCount] = label;
        }

        if (MplsLabelCount < byte.MaxValue)
        {
            MplsLabelCount++;
        }
    }

    private static ReadOnlySpan<byte> Address(in Bytes16 address, byte version) => version switch
    {
        4 => ((ReadOnlySpan<byte>)address)[..4],
        6 => address,
        _ => default,
    };
}
