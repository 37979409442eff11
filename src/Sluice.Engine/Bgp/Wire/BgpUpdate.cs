using System.Net;
using Sluice.Engine.Bgp.FlowSpec;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>A decoded, checked UPDATE: what it announces and withdraws, and the attributes this speaker reads.</summary>
public sealed record BgpUpdate
{
    public IReadOnlyList<IPNetwork> Withdrawn { get; init; } = [];

    public IReadOnlyList<IPNetwork> Announced { get; init; } = [];

    public IReadOnlyList<FlowSpecNlri> FlowSpecWithdrawn { get; init; } = [];

    public IReadOnlyList<FlowSpecNlri> FlowSpecAnnounced { get; init; } = [];

    /// <summary>The family of an End-of-RIB marker (RFC 4724 §2), or null.</summary>
    public BgpFamily? EndOfRib { get; init; }

    /// <summary>NLRI of families this speaker does not decode, counted and skipped.</summary>
    public int OtherFamilyNlri { get; init; }

    public byte? Origin { get; init; }

    public IReadOnlyList<uint> AsPath { get; init; } = [];

    /// <summary>NEXT_HOP, or the first next hop of MP_REACH_NLRI.</summary>
    public IPAddress? NextHop { get; init; }

    public uint? LocalPref { get; init; }

    public uint? Med { get; init; }

    public BgpCommunities Communities { get; init; } = BgpCommunities.None;
}
