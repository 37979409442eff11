namespace Sluice.Engine.Ddos;

/// <summary>
/// How one attack kind is handled (ddos-protect's <c>ddos_protect.&lt;attack&gt;.*</c> properties): the rate, in packets
/// per second towards one address, above which it is an attack; how long a control stays; what to do.
/// </summary>
public sealed record DdosAttackSettings
{
    /// <summary>Packets per second to one destination (per data source that sees it).</summary>
    public double Threshold { get; init; } = 500_000;

    /// <summary>Minutes a control stays at least, and until the attack has stopped (fractions allowed).</summary>
    public double TimeoutMinutes { get; init; } = 60;

    /// <summary>
    /// <c>ignore</c> (the default: watch only), <c>drop</c> (RTBH route with the black-hole community), <c>filter</c>
    /// (FlowSpec traffic-rate 0), <c>limit</c> (traffic-rate at the configured rate), <c>mark</c> (traffic-marking),
    /// <c>redirect</c> or <c>community</c>.
    /// </summary>
    public string Action { get; init; } = "ignore";

    /// <summary>Comma list of the protocol key's values (ports, protocols, ICMP types) to watch only; empty watches all.</summary>
    public string Include { get; init; } = string.Empty;

    /// <summary>Comma list of values never to watch.</summary>
    public string Exclude { get; init; } = string.Empty;
}
