using System.Net;

namespace Sluice.Engine.Bgp;

/// <summary>The BGP speaker's settings (sFlow-RT <c>bgp.start</c>, <c>bgp.port</c>; the rest are Sluice's).</summary>
public sealed record BgpServiceOptions
{
    /// <summary>Accept incoming sessions (<c>bgp.start=yes</c>); without it only active neighbors connect.</summary>
    public bool Listen { get; init; }

    /// <summary>TCP port for incoming sessions (<c>bgp.port</c>); 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 1179;

    /// <summary>Address to listen on (<c>bgp.hostname</c>); null listens on every IPv4 and IPv6 address.</summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>BGP identifier of neighbors that give none; null uses the local IPv4 address of each session.</summary>
    public IPAddress? RouterId { get; init; }

    /// <summary>Hold time offered when a neighbor gives none (RFC 4271 suggests 90 s).</summary>
    public ushort HoldTimeSeconds { get; init; } = 90;

    /// <summary>How long a session waits for the peer's OPEN (RFC 4271 §8.2.2 suggests a large value, 4 minutes).</summary>
    public TimeSpan OpenWait { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Pause between attempts of an active neighbor (ConnectRetryTimer, RFC 4271 suggests 120 s).</summary>
    public TimeSpan ConnectRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most FlowSpec rules kept for one neighbor.</summary>
    public int MaxFlowsPerNeighbor { get; init; } = 10_000;

    /// <summary>The most unicast routes kept for one neighbor.</summary>
    public int MaxRoutesPerNeighbor { get; init; } = 100_000;

    /// <summary>The most unicast routes learned from one neighbor (Adj-RIB-In); more are counted and dropped.</summary>
    public int MaxLearnedPrefixesPerNeighbor { get; init; } = 1_000_000;

    /// <summary>The most neighbors.</summary>
    public int MaxNeighbors { get; init; } = 1_000;
}
