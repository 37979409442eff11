namespace Sluice.Engine.Forwarding;

/// <summary>What a forwarding session or tenant has sent so far, summed over the workers.</summary>
public readonly record struct ForwardingStatistics
{
    /// <summary>Samples sent (tenants only; a session forwards whole datagrams).</summary>
    public long Samples { get; init; }

    public long Datagrams { get; init; }

    public long Bytes { get; init; }

    /// <summary>Datagrams dropped because the socket's send buffer was full (the worker never waits).</summary>
    public long Dropped { get; init; }

    /// <summary>Datagrams dropped by the rate cap (<see cref="ForwardingOptions.MaxDatagramsPerSecond"/>).</summary>
    public long RateLimited { get; init; }

    /// <summary>Sends that failed for any other reason.</summary>
    public long Errors { get; init; }
}
