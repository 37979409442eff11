namespace Sluice.Engine.Forwarding;

/// <summary>
/// An sFlow-RT tenant (<c>PUT /tenant/{name}/json</c>): the samples that match <see cref="Filters"/>, rebuilt into
/// sFlow datagrams of their own, sent to <see cref="CollectorAddress"/>:<see cref="CollectorPort"/>.
/// </summary>
public sealed record TenantSpec
{
    /// <summary>The tenant's collector, an IP literal.</summary>
    public required string CollectorAddress { get; init; }

    public int CollectorPort { get; init; } = 6343;

    public TenantFilters Filters { get; init; } = new();
}
