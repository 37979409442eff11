namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// SNMP name enrichment (sFlow-RT's <c>snmp.*</c> properties): whether to ask agents for sysName and ifName, how,
/// and the limits that keep it cheap. SNMPv2c with a community, or SNMPv3 with a USM user.
/// </summary>
public sealed record SnmpOptions
{
    /// <summary><c>snmp.ifname=yes</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>snmp.community</c>.</summary>
    public string Community { get; init; } = "public";

    /// <summary>The SNMPv3 user (<c>snmp.version=3</c>); null asks with SNMPv2c and <see cref="Community"/>.</summary>
    public SnmpV3User? User { get; init; }

    /// <summary>
    /// <c>snmp.port</c> (a Sluice addition): the UDP port agents answer SNMP on, 161 in practice; tests run snmpd
    /// unprivileged on another port.
    /// </summary>
    public int Port { get; init; } = 161;

    /// <summary>How long each attempt waits for a reply.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts after the first before an agent counts as unreachable.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>How often names already known are asked for again (they rarely change).</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the agents are scanned for new agents and ifIndexes to look up.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait before asking an unreachable agent again; doubles per failure up to <see cref="Refresh"/>.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Agents whose names are kept; beyond it the least recently asked make room.</summary>
    public int MaxAgents { get; init; } = 20_000;

    /// <summary>ifIndexes whose names are kept per agent.</summary>
    public int MaxInterfacesPerAgent { get; init; } = 4_096;

    /// <summary>Agents asked at once: a dead agent holds one of these for its timeout, the others go on.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Agents waiting to be asked; when full, the scan tries again on its next pass.</summary>
    public int QueueLength { get; init; } = 1_024;

    /// <summary>Variable bindings per GET, well inside one datagram for names of up to 255 bytes.</summary>
    public int BindingsPerRequest { get; init; } = 16;
}
