namespace Sluice.Engine.Ddos;

/// <summary>
/// A control: the reaction to one attack on one address, as ddos-protect lists it (<c>controls/json</c>), plus when it
/// was announced and released.
/// </summary>
public sealed record DdosControl
{
    /// <summary><c>c0</c>, <c>c1</c>, ...: what manual confirmation names.</summary>
    public required string Id { get; init; }

    /// <summary>The attacked address.</summary>
    public required string Target { get; init; }

    /// <summary>The target's address group.</summary>
    public required string Group { get; init; }

    /// <summary>The protocol key's value: port, protocol number or ICMP type.</summary>
    public required string Protocol { get; init; }

    public required string Attack { get; init; }

    /// <summary>4 or 6.</summary>
    public required string IpVersion { get; init; }

    /// <summary>Distinct sources seen at the event, and their average packet size in bytes.</summary>
    public double Attackers { get; init; }

    public double PacketSize { get; init; }

    /// <summary>Unix ms of the threshold event.</summary>
    public long Time { get; init; }

    public required string Action { get; init; }

    /// <summary><c>pending</c> (manual mode), <c>blocked</c> (installed at every router), <c>failed</c>, or <c>released</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Unix ms the control was handed to BGP; null while pending.</summary>
    public long? Announced { get; init; }

    /// <summary>Unix ms the control was withdrawn; null while active.</summary>
    public long? Released { get; init; }

    /// <summary>The FlowSpec rule or route it pushes, as text (<c>destination 10.0.0.1/32 protocol =17 ... then traffic-rate 0</c>).</summary>
    public string? Rule { get; init; }

    /// <summary>The threshold event that raised it.</summary>
    public string? ThresholdId { get; init; }

    public string? Agent { get; init; }

    public string? DataSource { get; init; }

    public string? FlowKey { get; init; }
}
