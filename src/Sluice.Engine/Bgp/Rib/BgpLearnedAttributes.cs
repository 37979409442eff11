using System.Net;

namespace Sluice.Engine.Bgp.Rib;

/// <summary>The path attributes of one UPDATE, shared by every prefix it announces (one allocation per UPDATE).</summary>
public sealed record BgpLearnedAttributes(IReadOnlyList<uint> AsPath, IPAddress? NextHop, BgpCommunities Communities, uint? LocalPref)
{
    /// <summary>The AS path as sFlow-RT writes it: <c>65001-65002</c>.</summary>
    public string AsPathText => string.Join('-', AsPath);
}
