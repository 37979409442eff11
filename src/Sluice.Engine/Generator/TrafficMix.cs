namespace Sluice.Engine.Generator;

/// <summary>
/// Shares of the flow samples by application (relative weights, need not sum to 1). The defaults look like an
/// enterprise edge: mostly web, a steady trickle of DNS, some ssh, NTP and ICMP, and other TCP/UDP.
/// </summary>
public sealed record TrafficMix
{
    /// <summary>HTTPS and HTTP (TCP 443 and 80), plus some QUIC (UDP 443).</summary>
    public double Web { get; init; } = 0.70;

    /// <summary>DNS queries and responses (UDP 53) with real names.</summary>
    public double Dns { get; init; } = 0.08;

    public double Ssh { get; init; } = 0.05;

    public double Ntp { get; init; } = 0.02;

    /// <summary>ICMP echo (ICMPv6 echo for IPv6 flows).</summary>
    public double Icmp { get; init; } = 0.03;

    /// <summary>Anything else: TCP and UDP between high ports and a few well-known services.</summary>
    public double Other { get; init; } = 0.12;

    /// <summary>Fraction of conversations carried over IPv6 (0 to 1).</summary>
    public double IPv6Share { get; init; } = 0.10;

    /// <summary>
    /// Zipf exponent of conversation popularity inside each application: around 1.2, a handful of heavy hitters
    /// carry most of the bytes; 0 makes every conversation equally likely.
    /// </summary>
    public double ZipfExponent { get; init; } = 1.2;
}
