namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// What one agent told us: its sysName and the ifName of each ifIndex asked (null when it has none). Readers see
/// immutable snapshots swapped in whole, so the Prometheus exporter never locks against the lookup task.
/// </summary>
internal sealed class SnmpAgentNames
{
    public string? SysName { get; set; }

    public IReadOnlyDictionary<uint, string?> IfNames { get; set; } = new Dictionary<uint, string?>();

    /// <summary>When the agent may be asked again (after a refresh interval, or a backoff once it failed).</summary>
    public long NextDueUnixMs { get; set; }

    public long LastAskedUnixMs { get; set; }

    public int Failures { get; set; }

    private int _busy;

    /// <summary>Marks the agent queued or being asked, so the scan does not queue it twice; false when it already is.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Release() => Volatile.Write(ref _busy, 0);
}
