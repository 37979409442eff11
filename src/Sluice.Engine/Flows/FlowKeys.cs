using System.Collections.Frozen;
using System.Text;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Flows;

/// <summary>
/// The registry of flow keys (sflow-rt-api.md §3.6) that the decoded sample carries. Keys of the packet layers
/// also exist for the first tunnelled layer with a <c>.1</c> suffix (<c>ipsource.1</c>, <c>macsource.1</c>, ...).
/// </summary>
public static class FlowKeys
{
    private static readonly FrozenDictionary<string, FlowKeyField> All = Build();

    /// <summary>How many keys are registered (<see cref="FlowKeyField.Id"/> is below it).</summary>
    internal static int Count => All.Count;

    /// <summary>Every registered key name.</summary>
    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, out FlowKeyField field) => All.TryGetValue(name, out field!);

    /// <summary>
    /// The keys seen within <paramref name="horizonMs"/> of <paramref name="nowMs"/>, each with the ms since it was last
    /// seen (<c>/flowkeys/json</c>), from the last-seen time of each presence group (<see cref="FlowKeyPresence"/>).
    /// </summary>
    internal static SortedDictionary<string, long> Seen(ReadOnlySpan<long> lastSeenByGroup, long nowMs, long horizonMs)
    {
        var seen = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, field) in All)
        {
            var last = 0L;
            for (var groups = field.Groups; groups != 0; groups &= groups - 1)
            {
                last = Math.Max(last, lastSeenByGroup[System.Numerics.BitOperations.TrailingZeroCount(groups)]);
            }

            if (last > 0 && nowMs - last <= horizonMs)
            {
                seen[name] = Math.Max(0, nowMs - last);
            }
        }

        return seen;
    }

    /// <summary>The key called <paramref name="name"/>; throws <see cref="FlowSyntaxException"/> for an unknown name.</summary>
    public static FlowKeyField Get(string name) =>
        TryGet(name, out var field) ? field : throw new FlowSyntaxException($"unknown flow key '{name}'", 0, name);

    private static ref readonly PacketLayer Layer(FlowSampleContext c, int depth) =>
        ref depth == 0 ? ref c.Packet.Outer : ref c.Packet.Inner;

    private static FrozenDictionary<string, FlowKeyField> Build()
    {
        var keys = new Dictionary<string, FlowKeyField>(StringComparer.Ordinal);

        // The decoder groups (FlowKeyPresence) that produce the keys registered next: /flowkeys reports a key when one was seen.
        var group = FlowKeyPresence.Sample;
        void Text(string name, FlowTextReader text) => keys.Add(name, new FlowKeyField(name, text, null, null, group));
        void Number(string name, FlowNumberReader number) => keys.Add(name, new FlowKeyField(name, null, null, number, group));
        void Address(string name, FlowBytesReader bytes) => keys.Add(name, new FlowKeyField(name, (c, d) =>
        {
            Span<byte> buffer = stackalloc byte[16];
            var length = bytes(c, buffer);
            return length < 0 ? -1 : FlowFormat.Address(buffer[..length], d);
        }, bytes, null, group));

        static int Copy(ReadOnlySpan<byte> source, Span<byte> destination) =>
            source.IsEmpty || !source.TryCopyTo(destination) ? -1 : source.Length;
        static int CopyAddress(SflowAddress address, Span<byte> destination) =>
            address.Type == SflowAddressType.Unknown ? -1 : Copy(address.Bytes, destination);

        // Sample metadata.
        Address("agent", (c, d) => CopyAddress(c.Agent, d));
        Text("inputifindex", (c, d) => FlowSampleContext.FormatPort(c.InputFormat, c.Input, false, d));
        Text("outputifindex", (c, d) => FlowSampleContext.FormatPort(c.OutputFormat, c.Output, true, d));
        Text("direction", (c, d) =>
            // sFlow-RT reports the direction relative to the data source's port; unknown when it is neither.
            c.InputFormat == 0 && c.Input == c.SourceIdIndex ? FlowFormat.Text("ingress", d)
            : c.OutputFormat == 0 && c.Output == c.SourceIdIndex ? FlowFormat.Text("egress", d)
            : -1);
        group = FlowKeyPresence.Header;
        Text("stack", (c, d) => c.HasHeader && c.Packet.StackDepth > 0 ? c.Packet.FormatStack(d) : -1);
        Number("bytes", (FlowSampleContext c, out long v) => { v = c.FrameLength; return c.HasHeader; });
        Number("stripped", (FlowSampleContext c, out long v) => { v = c.Stripped; return c.HasHeader; });
        group = FlowKeyPresence.Layer(PacketLayers.IPv4, 0) | FlowKeyPresence.Layer(PacketLayers.IPv6, 0);
        Number("ip_offset", (FlowSampleContext c, out long v) => { v = c.Packet.IpOffset; return v >= 0 && c.HasHeader; });
        group = FlowKeyPresence.Dropped;
        Text("reason", (c, d) => c.Dropped ? FlowFormat.DropReason(c.DiscardReason, d) : -1);

        // Extended switch (sFlow v5 0:1001).
        group = FlowKeyPresence.Switch;
        Number("vlansource", (FlowSampleContext c, out long v) => { v = c.Switch.SourceVlan; return c.HasSwitch; });
        Number("vlandestination", (FlowSampleContext c, out long v) => { v = c.Switch.DestinationVlan; return c.HasSwitch; });
        Number("prioritysource", (FlowSampleContext c, out long v) => { v = c.Switch.SourcePriority; return c.HasSwitch; });
        Number("prioritydestination", (FlowSampleContext c, out long v) => { v = c.Switch.DestinationPriority; return c.HasSwitch; });

        // Extended router (0:1002) and gateway (0:1003).
        group = FlowKeyPresence.Router;
        Address("ipnexthoprouter", (c, d) => c.HasRouter ? CopyAddress(c.RouterNextHop, d) : -1);
        Number("ipsourcemaskbits", (FlowSampleContext c, out long v) => { v = c.SourceMaskBits; return c.HasRouter; });
        Number("ipdestinationmaskbits", (FlowSampleContext c, out long v) => { v = c.DestinationMaskBits; return c.HasRouter; });
        group = FlowKeyPresence.Gateway;
        Address("bgpnexthop", (c, d) => c.HasGateway ? CopyAddress(c.BgpNextHop, d) : -1);
        Number("bgpas", (FlowSampleContext c, out long v) => { v = c.BgpAs; return c.HasGateway; });
        Number("bgpsourceas", (FlowSampleContext c, out long v) => { v = c.BgpSourceAs; return c.HasGateway; });
        Number("bgpsourcepeeras", (FlowSampleContext c, out long v) => { v = c.BgpSourcePeerAs; return c.HasGateway; });
        Number("bgplocalpref", (FlowSampleContext c, out long v) => { v = c.BgpLocalPref; return c.HasGateway; });
        // The destination AS is the origin (last) AS of the path, the peer AS the first; an empty path means a local destination.
        Number("bgpdestinationas", (FlowSampleContext c, out long v) =>
        {
            v = c.BgpAsPath.IsEmpty ? c.BgpAs : c.BgpAsPath[^1];
            return c.HasGateway;
        });
        Number("bgpdestinationpeeras", (FlowSampleContext c, out long v) =>
        {
            v = c.BgpAsPath.IsEmpty ? c.BgpAs : c.BgpAsPath[0];
            return c.HasGateway;
        });
        Text("bgpdestinationaspath", (c, d) => c.HasGateway ? JoinNumbers(c.BgpAsPath, false, d) : -1);
        Text("bgpcommunities", (c, d) => c.HasGateway ? JoinNumbers(c.BgpCommunities, true, d) : -1);

        // DNS (either layer; the decoder keeps one question).
        group = FlowKeyPresence.Layer(PacketLayers.Dns, 0) | FlowKeyPresence.Layer(PacketLayers.Dns, 1);
        Text("dnsqname", (c, d) =>
        {
            if (!c.Packet.HasDns || c.Packet.DnsQueryNameLength == 0 && !HasQuestion(c))
            {
                return -1;
            }

            var name = c.Packet.DnsQueryName;
            return name.Length <= d.Length ? Encoding.Latin1.GetChars(name, d) : -1;
        });
        Text("dnsqr", (c, d) => c.Packet.HasDns ? FlowFormat.Boolean(c.Packet.DnsIsResponse, d) : -1);
        group = FlowKeyPresence.Layer(PacketLayers.DnsQuestion, 0) | FlowKeyPresence.Layer(PacketLayers.DnsQuestion, 1);
        Number("dnsqtype", (FlowSampleContext c, out long v) => { v = c.Packet.DnsQueryType; return HasQuestion(c); });
        Text("dnsqtypename", (c, d) => HasQuestion(c) ? FlowFormat.DnsTypeName(c.Packet.DnsQueryType, d) : -1);

        // Tunnels.
        group = FlowKeyPresence.Vxlan;
        Number("vxlanvni", (FlowSampleContext c, out long v) => { v = c.Packet.VirtualNetworkId; return c.Packet.Tunnel == TunnelKind.Vxlan; });
        group = FlowKeyPresence.Geneve;
        Number("genevevni", (FlowSampleContext c, out long v) => { v = c.Packet.VirtualNetworkId; return c.Packet.Tunnel == TunnelKind.Geneve; });
        group = FlowKeyPresence.Nvgre;
        Number("grevsid", (FlowSampleContext c, out long v) => { v = c.Packet.VirtualNetworkId; return c.Packet.Tunnel == TunnelKind.Nvgre; });
        group = FlowKeyPresence.Vxlan | FlowKeyPresence.Geneve | FlowKeyPresence.Nvgre;
        Number("vni", (FlowSampleContext c, out long v) =>
        {
            v = c.Packet.VirtualNetworkId;
            return c.Packet.Tunnel is TunnelKind.Vxlan or TunnelKind.Geneve or TunnelKind.Nvgre;
        });

        AddLayer(keys, 0, string.Empty);
        AddLayer(keys, 1, ".1");
        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool HasQuestion(FlowSampleContext c) =>
        c.Packet.Outer.Has(PacketLayers.DnsQuestion) || c.Packet.Inner.Has(PacketLayers.DnsQuestion);

    private static int JoinNumbers(ReadOnlySpan<uint> values, bool community, Span<char> destination)
    {
        // The AS path as sflowtool prints it (dash separated); communities as asn:value pairs.
        var written = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                if (written >= destination.Length)
                {
                    return -1;
                }

                destination[written++] = '-';
            }

            var n = community
                ? (destination[written..].TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"{values[i] >> 16}:{values[i] & 0xFFFF}", out var w) ? w : -1)
                : FlowFormat.Number(values[i], destination[written..]);
            if (n < 0)
            {
                return -1;
            }

            written += n;
        }

        return written;
    }

    private static void AddLayer(Dictionary<string, FlowKeyField> keys, int depth, string suffix)
    {
        var group = 0UL;
        void Layers(PacketLayers layers) => group = FlowKeyPresence.Layer(layers, depth);
        void Text(string name, FlowTextReader text) => keys.Add(name + suffix, new FlowKeyField(name + suffix, text, null, null, group));
        void Number(string name, FlowNumberReader number) => keys.Add(name + suffix, new FlowKeyField(name + suffix, null, null, number, group));
        void Bytes(string name, FlowBytesReader bytes, bool mac) => keys.Add(name + suffix, new FlowKeyField(name + suffix, (c, d) =>
        {
            Span<byte> buffer = stackalloc byte[16];
            var length = bytes(c, buffer);
            return length < 0 ? -1 : mac ? FlowFormat.Mac(buffer[..length], d) : FlowFormat.Address(buffer[..length], d);
        }, bytes, null, group));
        static int Copy(ReadOnlySpan<byte> source, Span<byte> destination) =>
            source.IsEmpty || !source.TryCopyTo(destination) ? -1 : source.Length;
        bool Has(FlowSampleContext c, PacketLayers layers) => Layer(c, depth).Has(layers);
        bool Ip4(FlowSampleContext c) => Layer(c, depth).IpVersion == 4;
        bool Ip6(FlowSampleContext c) => Layer(c, depth).IpVersion == 6;

        // Ethernet.
        Layers(PacketLayers.Ethernet);
        Bytes("macsource", (c, d) => Copy(Layer(c, depth).SourceMac, d), true);
        Bytes("macdestination", (c, d) => Copy(Layer(c, depth).DestinationMac, d), true);
        Number("ethernetprotocol", (FlowSampleContext c, out long v) => { v = Layer(c, depth).EtherType; return v != 0; });
        Layers(PacketLayers.Vlan);
        Number("vlan", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Vlan; return Layer(c, depth).VlanCount > 0; });
        Number("priority", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Priority; return Layer(c, depth).VlanCount > 0; });
        Layers(PacketLayers.Ethernet);
        Text("isbroadcast", (c, d) => Has(c, PacketLayers.Ethernet) ? FlowFormat.Boolean(Layer(c, depth).IsBroadcast, d) : -1);
        Text("ismulticast", (c, d) => Has(c, PacketLayers.Ethernet) ? FlowFormat.Boolean(Layer(c, depth).IsMulticast, d) : -1);
        Text("isunicast", (c, d) => Has(c, PacketLayers.Ethernet) ? FlowFormat.Boolean(Layer(c, depth).IsUnicast, d) : -1);

        // ARP.
        Layers(PacketLayers.Arp);
        Number("arpoperation", (FlowSampleContext c, out long v) => { v = Layer(c, depth).ArpOperation; return Has(c, PacketLayers.Arp); });
        Bytes("arpipsender", (c, d) => Copy(Layer(c, depth).ArpSenderIp, d), false);
        Bytes("arpiptarget", (c, d) => Copy(Layer(c, depth).ArpTargetIp, d), false);
        Bytes("arpmacsender", (c, d) => Copy(Layer(c, depth).ArpSenderMac, d), true);
        Bytes("arpmactarget", (c, d) => Copy(Layer(c, depth).ArpTargetMac, d), true);

        // IPv4.
        Layers(PacketLayers.IPv4);
        Bytes("ipsource", (c, d) => Ip4(c) ? Copy(Layer(c, depth).SourceAddress, d) : -1, false);
        Bytes("ipdestination", (c, d) => Ip4(c) ? Copy(Layer(c, depth).DestinationAddress, d) : -1, false);
        Number("ipprotocol", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Protocol; return Ip4(c); });
        Number("iptos", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Tos; return Ip4(c); });
        Number("ipdscp", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Dscp; return Ip4(c); });
        Text("ipdscpname", (c, d) => Ip4(c) ? FlowFormat.DscpName(Layer(c, depth).Dscp, d) : -1);
        Text("ipecn", (c, d) => Ip4(c) ? FlowFormat.Bits(Layer(c, depth).Ecn, 2, d) : -1);
        Text("ipflags", (c, d) => Ip4(c) ? FlowFormat.Bits(Layer(c, depth).IpFlags, 3, d) : -1);
        Number("ipfragoffset", (FlowSampleContext c, out long v) => { v = Layer(c, depth).FragmentOffset; return Ip4(c); });
        Number("ipbytes", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IpLength; return Ip4(c); });
        Number("ipttl", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Ttl; return Ip4(c); });

        // IPv6.
        Layers(PacketLayers.IPv6);
        Bytes("ip6source", (c, d) => Ip6(c) ? Copy(Layer(c, depth).SourceAddress, d) : -1, false);
        Bytes("ip6destination", (c, d) => Ip6(c) ? Copy(Layer(c, depth).DestinationAddress, d) : -1, false);
        Number("ip6nexthdr", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Protocol; return Ip6(c); });
        Number("ip6tos", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Tos; return Ip6(c); });
        Number("ip6dscp", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Dscp; return Ip6(c); });
        Text("ip6dscpname", (c, d) => Ip6(c) ? FlowFormat.DscpName(Layer(c, depth).Dscp, d) : -1);
        Text("ip6ecn", (c, d) => Ip6(c) ? FlowFormat.Bits(Layer(c, depth).Ecn, 2, d) : -1);
        Layers(PacketLayers.IPv6FragmentHeader);
        Text("ip6fragm", (c, d) => Ip6(c) && Has(c, PacketLayers.IPv6FragmentHeader)
            ? FlowFormat.Text(Layer(c, depth).MoreFragments ? "yes" : "no", d) : -1);
        Number("ip6fragoffset", (FlowSampleContext c, out long v) =>
        {
            v = Layer(c, depth).FragmentOffset;
            return Ip6(c) && Has(c, PacketLayers.IPv6FragmentHeader);
        });
        Layers(PacketLayers.IPv6);

        // IPv6 payload length plus the fixed header, so it compares with ipbytes.
        Number("ip6bytes", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IpLength + 40L; return Ip6(c); });
        Number("ip6ttl", (FlowSampleContext c, out long v) => { v = Layer(c, depth).Ttl; return Ip6(c); });
        Number("ip6flowlabel", (FlowSampleContext c, out long v) => { v = Layer(c, depth).FlowLabel; return Ip6(c); });

        // TCP, UDP.
        Layers(PacketLayers.Tcp);
        Number("tcpsourceport", (FlowSampleContext c, out long v) => { v = Layer(c, depth).SourcePort; return Has(c, PacketLayers.Tcp); });
        Number("tcpdestinationport", (FlowSampleContext c, out long v) => { v = Layer(c, depth).DestinationPort; return Has(c, PacketLayers.Tcp); });
        Text("tcpflags", (c, d) => Has(c, PacketLayers.Tcp) ? FlowFormat.Bits(Layer(c, depth).TcpFlags, 9, d) : -1);
        Layers(PacketLayers.Udp);
        Number("udpsourceport", (FlowSampleContext c, out long v) => { v = Layer(c, depth).SourcePort; return Has(c, PacketLayers.Udp); });
        Number("udpdestinationport", (FlowSampleContext c, out long v) => { v = Layer(c, depth).DestinationPort; return Has(c, PacketLayers.Udp); });

        // ICMP.
        Layers(PacketLayers.Icmp);
        Number("icmptype", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IcmpType; return Has(c, PacketLayers.Icmp); });
        Number("icmpcode", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IcmpCode; return Has(c, PacketLayers.Icmp); });
        group = FlowKeyPresence.Layer(PacketLayers.Icmp, depth) | FlowKeyPresence.Layer(PacketLayers.Icmp6, depth);
        Number("icmpseqno", (FlowSampleContext c, out long v) =>
        {
            ref readonly var l = ref Layer(c, depth);
            v = l.IcmpSequence;
            // Echo request/reply only (ICMP 8/0, ICMPv6 128/129).
            return (l.Has(PacketLayers.Icmp) && l.IcmpType is 0 or 8) || (l.Has(PacketLayers.Icmp6) && l.IcmpType is 128 or 129);
        });
        Layers(PacketLayers.Icmp6);
        Number("icmp6type", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IcmpType; return Has(c, PacketLayers.Icmp6); });
        Number("icmp6code", (FlowSampleContext c, out long v) => { v = Layer(c, depth).IcmpCode; return Has(c, PacketLayers.Icmp6); });

        // Destination unreachable: each key exists only for its code (ICMP 3/0-3; ICMPv6 1/0, 1/3, 1/4), naming the quoted header's field.
        Layers(PacketLayers.IcmpUnreachableInner);
        Bytes("icmpunreachablenet", (c, d) => Unreachable(c, depth, 0, 0) ? Copy(Layer(c, depth).IcmpInnerDestination, d) : -1, false);
        Bytes("icmpunreachablehost", (c, d) => Unreachable(c, depth, 1, 3) ? Copy(Layer(c, depth).IcmpInnerDestination, d) : -1, false);
        Number("icmpunreachableprotocol", (FlowSampleContext c, out long v) =>
        {
            v = Layer(c, depth).IcmpInnerProtocol;
            return Unreachable(c, depth, 2, -1);
        });
        Number("icmpunreachableport", (FlowSampleContext c, out long v) =>
        {
            v = Layer(c, depth).IcmpInnerDestinationPort;
            return Unreachable(c, depth, 3, 4) && Layer(c, depth).IcmpInnerHasPorts;
        });
    }

    private static bool Unreachable(FlowSampleContext c, int depth, int code4, int code6)
    {
        ref readonly var l = ref Layer(c, depth);
        if (!l.Has(PacketLayers.IcmpUnreachableInner))
        {
            return false;
        }

        return l.Has(PacketLayers.Icmp) ? l.IcmpType == 3 && l.IcmpCode == code4 : l.IcmpType == 1 && l.IcmpCode == code6;
    }
}
