namespace Sluice.Engine.Ddos;

/// <summary>
/// One attack signature for one IP version: the flow that measures it (packets per second by destination, destination
/// group and a protocol key) and the FlowSpec match that stops it.
/// </summary>
/// <param name="Attack">The attack kind (<c>udp_amplification</c>).</param>
/// <param name="Name">The flow and threshold name (<c>ddos_protect_udp6_amplification</c>).</param>
/// <param name="IPv6">IPv6 traffic; else IPv4.</param>
/// <param name="ProtocolKey">The flow key that tells attacks of this kind apart (<c>udpsourceport</c>).</param>
/// <param name="Filter">What else the packets must match (<c>ipprotocol=17&amp;</c>), before the group terms.</param>
/// <param name="Match">The FlowSpec match fields beyond destination and version, from the protocol key's value.</param>
public sealed record DdosSignature(
    string Attack,
    string Name,
    bool IPv6,
    string ProtocolKey,
    string Filter,
    Func<string, IReadOnlyDictionary<string, string>> Match)
{
    /// <summary>The signatures of ddos-protect (IPv4 and IPv6), plus a SYN flood (SYN without ACK, by destination port).</summary>
    public static IReadOnlyList<DdosSignature> All { get; } = Build();

    private static List<DdosSignature> Build()
    {
        var all = new List<DdosSignature>();
        foreach (var v6 in new[] { false, true })
        {
            var ip = v6 ? "ip6" : "ip";
            var protocolKey = v6 ? "ip6nexthdr" : "ipprotocol";
            var udp = v6 ? "ip6nexthdr=17&" : "ipprotocol=17&";
            var tcp = v6 ? "ip6nexthdr=6&" : "ipprotocol=6&";
            var icmp = v6 ? "58" : "1";
            all.Add(new("ip_flood", $"ddos_protect_{ip}_flood", v6, protocolKey, string.Empty, p => Fields(("protocol", "=" + p))));
            all.Add(new("ip_fragmentation", $"ddos_protect_{ip}_fragmentation", v6, protocolKey,
                v6 ? "(ip6fragm=yes|range:ip6fragoffset:1=true)&" : "(ipflags=001|range:ipfragoffset:1=true)&",
                p => Fields(("protocol", "=" + p), ("fragment", "=I"))));
            all.Add(new("icmp_flood", $"ddos_protect_icmp{(v6 ? "6" : string.Empty)}_flood", v6, v6 ? "icmp6type" : "icmptype",
                $"{protocolKey}={icmp}&", p => Fields(("protocol", "=" + icmp), ("icmp-type", "=" + p))));
            all.Add(new("udp_amplification", $"ddos_protect_udp{(v6 ? "6" : string.Empty)}_amplification", v6, "udpsourceport", udp,
                p => Fields(("protocol", "=17"), ("source-port", "=" + p))));
            all.Add(new("udp_flood", $"ddos_protect_udp{(v6 ? "6" : string.Empty)}_flood", v6, "udpdestinationport", udp,
                p => Fields(("protocol", "=17"), ("destination-port", "=" + p))));
            all.Add(new("tcp_amplification", $"ddos_protect_tcp{(v6 ? "6" : string.Empty)}_amplification", v6, "tcpsourceport",
                tcp + "tcpflags~....1..1.&", p => Fields(("protocol", "=6"), ("tcp-flags", "=SA"), ("source-port", "=" + p))));
            all.Add(new("tcp_flood", $"ddos_protect_tcp{(v6 ? "6" : string.Empty)}_flood", v6, "tcpdestinationport", tcp,
                p => Fields(("protocol", "=6"), ("destination-port", "=" + p))));

            // tcpflags is written most significant bit first (NS ... FIN): SYN set, ACK clear.
            all.Add(new("syn_flood", $"ddos_protect_syn{(v6 ? "6" : string.Empty)}_flood", v6, "tcpdestinationport",
                tcp + "tcpflags~....0..1.&", p => Fields(("protocol", "=6"), ("tcp-flags", "=S&!A"), ("destination-port", "=" + p))));
        }

        return all;
    }

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
}
