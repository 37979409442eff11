using System.Collections.ObjectModel;

namespace Sluice.Engine.Ddos;

/// <summary>
/// The built-in DDoS protection (in the manner of sFlow-RT's ddos-protect app), configured with its property names:
/// <c>ddos_protect.router</c>, <c>.as</c>, <c>.id</c>, <c>.mode</c>, <c>.enable.flowspec</c>, <c>.&lt;attack&gt;.action</c>, ...
/// </summary>
public sealed record DdosProtectOptions
{
    /// <summary>The attack kinds, in the order their flows are defined.</summary>
    public static IReadOnlyList<string> AttackNames { get; } =
        ["ip_flood", "ip_fragmentation", "icmp_flood", "udp_amplification", "udp_flood", "tcp_amplification", "tcp_flood", "syn_flood"];

    /// <summary>Routers (BGP neighbors by address) that get the controls.</summary>
    public IReadOnlyList<string> Routers { get; init; } = ["127.0.0.1"];

    public uint As { get; init; } = 65000;

    /// <summary>BGP identifier towards the routers.</summary>
    public string RouterId { get; init; } = "0.6.6.6";

    /// <summary><c>automatic</c> installs controls at once; <c>manual</c> leaves them pending until confirmed.</summary>
    public bool Automatic { get; init; }

    /// <summary>Black-hole community of <c>drop</c> routes (RFC 7999 BLACKHOLE).</summary>
    public string Community { get; init; } = "65535:666";

    public string NextHop { get; init; } = "192.0.2.1";

    public string NextHop6 { get; init; } = "100::1";

    public uint LocalPref { get; init; } = 100;

    public int MaxRoutes { get; init; } = 1000;

    public int MaxFlows { get; init; } = 100;

    /// <summary>IPv6 unicast, IPv4 FlowSpec and IPv6 FlowSpec towards the routers (<c>ddos_protect.enable.*</c>).</summary>
    public bool EnableIPv6 { get; init; }

    public bool EnableFlowSpec { get; init; }

    public bool EnableFlowSpec6 { get; init; }

    /// <summary><c>mark</c>: the DSCP to set.</summary>
    public string FlowSpecDscp { get; init; } = "le";

    /// <summary><c>limit</c>: bytes per second allowed (12,500 = 100 kbit/s).</summary>
    public string FlowSpecRate { get; init; } = "12500";

    /// <summary><c>redirect</c>: as, as4, ip, nexthop or ipaction, with the matching target below.</summary>
    public string RedirectMethod { get; init; } = "as";

    public string RedirectAs { get; init; } = "65000:666";

    public string RedirectAs4 { get; init; } = "65000:666";

    public string RedirectIp { get; init; } = "192.0.2.1:666";

    public string RedirectNextHop { get; init; } = "192.0.2.1";

    public string RedirectNextHop6 { get; init; } = "100::1";

    public string RedirectIpAction { get; init; } = "192.0.2.1";

    /// <summary><c>community</c>: communities that tell the router what to do (<c>128:6:0</c> is traffic-rate 0).</summary>
    public string FlowSpecCommunity { get; init; } = "128:6:0";

    /// <summary>Smoothing time of the attack flows, seconds.</summary>
    public double FlowSeconds { get; init; } = 2;

    /// <summary>Hysteresis of the thresholds, seconds: an attack counts as over once below its threshold this long.</summary>
    public double ThresholdSeconds { get; init; } = 60;

    /// <summary>Ignore attacks from fewer distinct sources than <see cref="SourceCountMinimum"/> (<c>ddos_protect.scf</c>).</summary>
    public bool SourceCountFilter { get; init; }

    public int SourceCountMinimum { get; init; } = 10;

    /// <summary>The group attacks come from.</summary>
    public string ExternalGroup { get; init; } = "external";

    /// <summary>Groups whose addresses are never protected (the rest of the groups are).</summary>
    public string ExcludedGroups { get; init; } = "external,private,multicast,exclude";

    /// <summary>Address groups by name: protected groups are the ones not excluded (add e.g. <c>ddos_protect.group.local=192.0.2.0/24</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } = DefaultGroups();

    /// <summary>Settings by attack name (see <see cref="AttackNames"/>).</summary>
    public IReadOnlyDictionary<string, DdosAttackSettings> Attacks { get; init; } = DefaultAttacks();

    /// <summary>Released controls kept for the history listing.</summary>
    public int HistoryCapacity { get; init; } = 1000;

    public static ReadOnlyDictionary<string, IReadOnlyList<string>> DefaultGroups() => new(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["external"] = ["0.0.0.0/0", "::/0"],
        ["private"] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fc00::/7"],
        ["multicast"] = ["224.0.0.0/4", "ff00::/8"],
    });

    /// <summary>ddos-protect's defaults: IP floods above 1 Mpps for 180 minutes, the rest above 500 kpps for 60; all ignored.</summary>
    public static ReadOnlyDictionary<string, DdosAttackSettings> DefaultAttacks() =>
        new(AttackNames.ToDictionary(
            name => name,
            name => name == "ip_flood" ? new DdosAttackSettings { Threshold = 1_000_000, TimeoutMinutes = 180 } : new DdosAttackSettings(),
            StringComparer.Ordinal));
}
