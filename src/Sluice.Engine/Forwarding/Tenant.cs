namespace Sluice.Engine.Forwarding;

/// <summary>One named tenant: its settings as given, what it has been sent, and its per-worker state.</summary>
public sealed class Tenant
{
    internal Tenant(string name, TenantSpec spec, TenantFilter filter, ForwardingChannel channel, ForwardingOptions options, int workers)
    {
        Name = name;
        Spec = spec;
        Filter = filter;
        Channel = channel;
        Options = options;
        Workers = new TenantWorker[Math.Max(1, workers)];
        for (var i = 0; i < Workers.Length; i++)
        {
            Workers[i] = new TenantWorker(this, i);
        }
    }

    public string Name { get; }

    public TenantSpec Spec { get; }

    /// <summary>Samples, datagrams and bytes sent to the tenant's collector, and what was dropped.</summary>
    public ForwardingStatistics Statistics => Channel.Statistics;

    internal TenantFilter Filter { get; }

    internal ForwardingChannel Channel { get; }

    internal ForwardingOptions Options { get; }

    /// <summary>One state per worker, indexed by shard.</summary>
    internal TenantWorker[] Workers { get; }
}
