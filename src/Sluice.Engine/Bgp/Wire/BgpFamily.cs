namespace Sluice.Engine.Bgp.Wire;

/// <summary>An address family and subsequent address family (RFC 4760 §3): what a route or a rule belongs to.</summary>
public readonly record struct BgpFamily(ushort Afi, byte Safi)
{
    /// <summary>AFI 1 (IPv4, IANA address family numbers).</summary>
    public const ushort AfiIPv4 = 1;

    /// <summary>AFI 2 (IPv6).</summary>
    public const ushort AfiIPv6 = 2;

    /// <summary>SAFI 1: unicast forwarding (RFC 4760).</summary>
    public const byte SafiUnicast = 1;

    /// <summary>SAFI 133: dissemination of flow specification rules (RFC 8955 §4).</summary>
    public const byte SafiFlowSpec = 133;

    public static BgpFamily IPv4Unicast => new(AfiIPv4, SafiUnicast);

    public static BgpFamily IPv6Unicast => new(AfiIPv6, SafiUnicast);

    public static BgpFamily IPv4FlowSpec => new(AfiIPv4, SafiFlowSpec);

    public static BgpFamily IPv6FlowSpec => new(AfiIPv6, SafiFlowSpec);

    public bool IsIPv6 => Afi == AfiIPv6;

    public bool IsFlowSpec => Safi == SafiFlowSpec;

    /// <summary>The names exabgp and gobgp use: <c>ipv4-unicast</c>, <c>ipv6-flowspec</c>, else <c>afi/safi</c>.</summary>
    public override string ToString() => (Afi, Safi) switch
    {
        (AfiIPv4, SafiUnicast) => "ipv4-unicast",
        (AfiIPv6, SafiUnicast) => "ipv6-unicast",
        (AfiIPv4, SafiFlowSpec) => "ipv4-flowspec",
        (AfiIPv6, SafiFlowSpec) => "ipv6-flowspec",
        _ => $"{Afi}/{Safi}",
    };
}
