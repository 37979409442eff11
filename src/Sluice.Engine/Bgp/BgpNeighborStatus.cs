using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp;

/// <summary>A snapshot of one neighbor: its session and what went through it.</summary>
public sealed record BgpNeighborStatus
{
    public required string Address { get; init; }

    public required BgpSessionState State { get; init; }

    /// <summary>Unix ms of the last state change into or out of Established.</summary>
    public long StateChangedUnixMs { get; init; }

    public uint LocalAs { get; init; }

    /// <summary>The peer's AS and BGP identifier from its last OPEN; 0 and null before one.</summary>
    public uint PeerAs { get; init; }

    public string? PeerRouterId { get; init; }

    public string? LocalRouterId { get; init; }

    /// <summary>The families both sides offered in the current session.</summary>
    public IReadOnlyList<BgpFamily> Families { get; init; } = [];

    public int HoldTimeSeconds { get; init; }

    public bool FourOctetAs { get; init; }

    public bool ExtendedMessages { get; init; }

    /// <summary>How many times the session reached Established.</summary>
    public long EstablishedTransitions { get; init; }

    public int FlowCount { get; init; }

    public int RouteCount { get; init; }

    public long UpdatesReceived { get; init; }

    public long UpdatesSent { get; init; }

    /// <summary>Prefixes and FlowSpec rules the peer announced and withdrew; they are counted, and not used.</summary>
    public long PrefixesReceived { get; init; }

    public long PrefixesWithdrawn { get; init; }

    public long FlowSpecReceived { get; init; }

    public long FlowSpecWithdrawn { get; init; }

    /// <summary>The last NOTIFICATION sent and received, as text (<c>3/9 UPDATE Message Error: ...</c>).</summary>
    public string? LastNotificationSent { get; init; }

    public string? LastNotificationReceived { get; init; }

    /// <summary>Why the last session ended.</summary>
    public string? LastError { get; init; }
}
