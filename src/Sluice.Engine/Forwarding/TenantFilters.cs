namespace Sluice.Engine.Forwarding;

/// <summary>
/// What a tenant sees, as sFlow-RT writes it: a sample is the tenant's when any one entry matches.
/// </summary>
public sealed record TenantFilters
{
    /// <summary><c>agent_ifIndex</c>: flow samples in or out of that port, and that port's counters.</summary>
    public IReadOnlyList<string> IfIndex { get; init; } = [];

    /// <summary><c>agent_ifName</c>: like <see cref="IfIndex"/>, once the agent's counters have named the port.</summary>
    public IReadOnlyList<string> IfName { get; init; } = [];

    /// <summary>An address or prefix: flow samples whose packet's source or destination address lies in it.</summary>
    public IReadOnlyList<string> Cidr { get; init; } = [];

    /// <summary>12 hex digits: flow samples whose packet's source or destination MAC is this one.</summary>
    public IReadOnlyList<string> Mac { get; init; } = [];
}
