using System.Net;

namespace Sluice.Engine.Bgp;

/// <summary>
/// One neighbor, as sFlow-RT's <c>bgpAddNeighbor(peerIP, localAS, routerID, {ipv6, flowspec, flowspec6})</c> describes it
/// (sflow-rt-api.md §8.1): the router connects from <see cref="Address"/>, and the families to offer.
/// </summary>
public sealed record BgpNeighborOptions
{
    /// <summary>The router's address: sessions from it belong to this neighbor; it also names the neighbor (<c>{router}</c>).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>This speaker's AS towards the neighbor.</summary>
    public required uint LocalAs { get; init; }

    /// <summary>BGP identifier to use; null takes <see cref="BgpServiceOptions.RouterId"/> or the session's local IPv4 address.</summary>
    public IPAddress? RouterId { get; init; }

    /// <summary>Expected AS of the neighbor; null accepts any (sFlow-RT takes no peer AS).</summary>
    public uint? PeerAs { get; init; }

    /// <summary>Offer IPv4 unicast (RTBH routes). On by default, as with sFlow-RT.</summary>
    public bool IPv4Unicast { get; init; } = true;

    /// <summary>Offer IPv6 unicast (sFlow-RT option <c>ipv6</c>).</summary>
    public bool IPv6Unicast { get; init; }

    /// <summary>Offer IPv4 FlowSpec, AFI 1 SAFI 133 (option <c>flowspec</c>).</summary>
    public bool FlowSpec { get; init; }

    /// <summary>Offer IPv6 FlowSpec, AFI 2 SAFI 133 (option <c>flowspec6</c>).</summary>
    public bool FlowSpec6 { get; init; }

    /// <summary>Hold time to offer; null takes <see cref="BgpServiceOptions.HoldTimeSeconds"/>.</summary>
    public ushort? HoldTimeSeconds { get; init; }

    /// <summary>Also connect to the neighbor at this TCP port (active); null waits for it to connect (passive, as sFlow-RT).</summary>
    public int? ConnectPort { get; init; }

    /// <summary>
    /// TCP MD5 signature key (RFC 2385, Linux only; property <c>bgp.password</c>); null or empty sends and accepts
    /// unsigned segments. The router must be configured with the same password.
    /// </summary>
    public string? Md5Password { get; init; }

    /// <summary>
    /// Keep rules and routes while the session is down and send them when it comes back (the default). False follows
    /// sFlow-RT's apps, which re-install their controls from the open callback: adds fail while the session is down,
    /// and a session that closes forgets what was pushed.
    /// </summary>
    public bool RetainWhenDown { get; init; } = true;

    /// <summary>The families to offer, in capability order.</summary>
    public IReadOnlyList<Wire.BgpFamily> Families
    {
        get
        {
            var families = new List<Wire.BgpFamily>(4);
            if (IPv4Unicast)
            {
                families.Add(Wire.BgpFamily.IPv4Unicast);
            }

            if (IPv6Unicast)
            {
                families.Add(Wire.BgpFamily.IPv6Unicast);
            }

            if (FlowSpec)
            {
                families.Add(Wire.BgpFamily.IPv4FlowSpec);
            }

            if (FlowSpec6)
            {
                families.Add(Wire.BgpFamily.IPv6FlowSpec);
            }

            return families;
        }
    }
}
