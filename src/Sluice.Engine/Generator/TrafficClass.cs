namespace Sluice.Engine.Generator;

/// <summary>The application of a generated conversation, as the traffic mix counts it.</summary>
public enum TrafficClass
{
    Web,
    Dns,
    Ssh,
    Ntp,
    Icmp,
    Other,

    /// <summary>The flood of <see cref="FleetOptions.Attack"/>.</summary>
    Attack,
}
