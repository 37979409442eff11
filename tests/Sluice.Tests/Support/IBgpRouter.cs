namespace Sluice.Tests.Support;

/// <summary>
/// A real BGP implementation from Debian (exabgp, FRR bgpd, BIRD 2, gobgpd; /work/shared/peers.md §2) playing the router
/// that connects to Sluice, with IPv4 and IPv6 FlowSpec, and whose FlowSpec table the test reads through the router's
/// own CLI or JSON. Disposing stops it and removes its files.
/// </summary>
internal interface IBgpRouter : IAsyncDisposable
{
    /// <summary>The router's source address: how Sluice names the neighbor.</summary>
    string Address { get; }

    /// <summary>Starts the router, connecting to Sluice at 127.0.0.1:<paramref name="sluicePort"/> as AS <paramref name="asNumber"/>.</summary>
    Task StartAsync(int sluicePort, uint asNumber);

    /// <summary>The router's IPv4 or IPv6 FlowSpec table as its tools print it.</summary>
    Task<string> FlowSpecTableAsync(bool ipv6);

    /// <summary>The router's log so far, for failure messages.</summary>
    string Log { get; }
}
