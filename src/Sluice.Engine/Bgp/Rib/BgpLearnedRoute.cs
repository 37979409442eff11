using System.Net;

namespace Sluice.Engine.Bgp.Rib;

/// <summary>A unicast route a peer advertised (Adj-RIB-In): the attributes <c>bgpTopPrefixes</c> reports.</summary>
public sealed record BgpLearnedRoute(IPNetwork Prefix, BgpLearnedAttributes Attributes);
