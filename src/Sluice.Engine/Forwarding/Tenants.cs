using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// The named tenants (sflow-rt-api.md §1.6), read by the workers without a lock.
/// </summary>
public sealed class Tenants
{
    /// <summary>The width of the workers' per-sample match mask.</summary>
    internal const int Limit = 64;

    private readonly ForwardingPolicy _policy;
    private readonly Func<SflowAddress, string, uint?> _portByName;
    private readonly NamedSet<Tenant> _tenants = new(t => t.Name);

    /// <param name="portByName">Finds an agent's ifIndex by ifName in what its counters already said, if anything.</param>
    internal Tenants(ForwardingPolicy policy, Func<SflowAddress, string, uint?> portByName)
    {
        _policy = policy;
        _portByName = portByName;
    }

    /// <summary>Every tenant, in name order.</summary>
    public IReadOnlyList<Tenant> All => _tenants.Sorted;

    internal Tenant[] Current => _tenants.Current;

    public Tenant? Get(string name) => _tenants.Get(name);

    /// <summary>Creates or replaces tenant <paramref name="name"/> (its counters and sequence numbers start again).</summary>
    /// <exception cref="FormatException">The collector or a filter entry is not valid.</exception>
    /// <exception cref="ForwardingDeniedException">The collector is outside the allow-list, or there are too many tenants.</exception>
    public Tenant Set(string name, TenantSpec spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        var filter = TenantFilter.Parse(spec.Filters ?? new TenantFilters());
        var channel = _policy.Open(spec.CollectorAddress, spec.CollectorPort);
        var tenant = new Tenant(name, spec, filter, channel, _policy.Options, _policy.Workers);
        for (var i = 0; i < filter.Names.Length; i++)
        {
            // Ports named before the tenant existed are known at once; the rest as their counters arrive.
            if (_portByName(filter.Names[i].Agent, filter.Names[i].Name) is { } ifIndex)
            {
                foreach (var worker in tenant.Workers)
                {
                    worker.Resolve(i, ifIndex);
                }
            }
        }

        var max = Math.Min(Limit, _policy.Options.MaxTenants);
        _tenants.Set(tenant, max, $"at most {max} tenants (tenant.maxtenants)");
        return tenant;
    }

    public bool Remove(string name) => _tenants.Remove(name);
}
