namespace Sluice.Engine.Forwarding;

/// <summary>
/// Limits on forwarding sessions and tenants. They exist so that a REST client cannot turn the engine into a UDP
/// amplifier: targets must lie in <see cref="Allow"/>, each session or tenant sends at most
/// <see cref="MaxDatagramsPerSecond"/>, and the number of sessions and tenants is bounded.
/// </summary>
public sealed record ForwardingOptions
{
    /// <summary>Prefixes a target address must lie in (property <c>forwarding.allow</c>); empty allows any address.</summary>
    public IReadOnlyList<AddressBlock> Allow { get; init; } = [];

    /// <summary>
    /// Datagrams per second one session or tenant may send (property <c>forwarding.maxrate</c>); more are dropped and
    /// counted. The default is well above what a large network's agents send to one collector.
    /// </summary>
    public int MaxDatagramsPerSecond { get; init; } = 100_000;

    /// <summary>The most forwarding sessions (property <c>forwarding.maxsessions</c>).</summary>
    public int MaxSessions { get; init; } = 32;

    /// <summary>The most tenants (property <c>tenant.maxtenants</c>); at most 64, the width of the worker's match mask.</summary>
    public int MaxTenants { get; init; } = 32;

    /// <summary>Largest tenant datagram, in bytes: sFlow agents' customary 1400 keeps clear of fragmentation.</summary>
    public int TenantDatagramBytes { get; init; } = 1400;

    /// <summary>How long a tenant's partly filled datagram may wait for more samples before it is sent.</summary>
    public TimeSpan TenantFlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Agents whose samples one tenant batches at once on one worker; beyond that the least recent is sent and forgotten.</summary>
    public int MaxTenantAgentsPerWorker { get; init; } = 1024;

    /// <summary>True when <paramref name="address"/> may receive forwarded sFlow.</summary>
    public bool Allows(System.Net.IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Allow.Count == 0)
        {
            return true;
        }

        foreach (var block in Allow)
        {
            if (block.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
