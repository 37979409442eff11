namespace Sluice.Engine.Metrics;

/// <summary>
/// Names a data source's own counters did not carry but something else looked up for it (SNMP sysName and ifName with
/// <c>snmp.ifname=yes</c>): queries show them as its <c>host_name</c> and <c>ifname</c> metrics when its counters have none.
/// </summary>
public sealed record LookedUpNames(string? HostName, string? IfName);
