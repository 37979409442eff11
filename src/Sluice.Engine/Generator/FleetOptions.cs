namespace Sluice.Engine.Generator;

/// <summary>The shape of a synthetic agent fleet. Every default is a believable data-centre switch fleet.</summary>
public sealed record FleetOptions
{
    /// <summary>Switch agents.</summary>
    public int Agents { get; init; } = 10;

    /// <summary>Interfaces per switch; the last ones are 100G uplinks, the rest 10G ports.</summary>
    public int Interfaces { get; init; } = 48;

    /// <summary>Host sFlow agents (servers running hsflowd): host counters, one NIC, a few containers.</summary>
    public int Hosts { get; init; } = 2;

    /// <summary>Containers (data sources 3.N) per host agent.</summary>
    public int ContainersPerHost { get; init; } = 3;

    /// <summary>
    /// Packet sampling rate (1 in N) of 10G interfaces; other speeds scale with their speed, as vendors recommend,
    /// so every port yields samples at a similar pace.
    /// </summary>
    public int SamplingRate { get; init; } = 1000;

    /// <summary>Counter polling interval, seconds; polls are spread evenly over the interval.</summary>
    public int PollingIntervalSeconds { get; init; } = 20;

    /// <summary>Largest datagram built; samples are added while they fit (about seven flow samples).</summary>
    public int MaxDatagramSize { get; init; } = 1400;

    /// <summary>Distinct conversations in the traffic model (shared by all agents).</summary>
    public int Conversations { get; init; } = 2000;

    /// <summary>Mean link utilisation of a 10G access port (0 to 1); ports vary around it.</summary>
    public double Utilisation { get; init; } = 0.25;

    public TrafficMix Mix { get; init; } = new();

    /// <summary>A flood to mix in (for DDoS detection tests); null generates normal traffic only.</summary>
    public AttackTraffic? Attack { get; init; }

    /// <summary>Seed of everything random: the same options and seed give the same datagrams.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value cannot make a fleet.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Agents);
        ArgumentOutOfRangeException.ThrowIfNegative(Hosts);
        if (Agents + Hosts == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Agents), "a fleet needs at least one agent or host");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Interfaces, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interfaces, 100_000);
        ArgumentOutOfRangeException.ThrowIfNegative(ContainersPerHost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ContainersPerHost, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplingRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PollingIntervalSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatagramSize, 512);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDatagramSize, 65_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(Conversations, 10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Utilisation, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Utilisation, 1);
        ArgumentNullException.ThrowIfNull(Mix);
        Attack?.Validate();
    }
}
