namespace Sluice.Engine;

/// <summary>Settings of the engine core: where sFlow arrives, how it is sharded, and how long state is kept.</summary>
public sealed record EngineOptions
{
    /// <summary>UDP port for sFlow (sFlow-RT <c>sflow.port</c>).</summary>
    public int SflowPort { get; init; } = 6343;

    /// <summary>Address to bind (sFlow-RT <c>sflow.hostname</c>); empty binds every IPv4 and IPv6 address.</summary>
    public string SflowHostname { get; init; } = string.Empty;

    /// <summary>
    /// UDP sources accepted (<c>sflow.allow</c>, Sluice's): datagrams from any other address are counted in
    /// <see cref="Ingest.UdpReceiver.Rejected"/> and dropped. Empty accepts every source.
    /// </summary>
    public IReadOnlyList<Forwarding.AddressBlock> AllowedSources { get; init; } = [];

    /// <summary>Receive buffer to ask the kernel for, in bytes (sFlow-RT <c>sflow.rcvpktsbuffer</c>).</summary>
    public int ReceiveBufferBytes { get; init; } = 2_048_000;

    /// <summary>Decode workers, each owning a share of the agents. Defaults to one per core.</summary>
    public int Shards { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Bytes of each worker's queue (about 11,000 datagrams of 1,400 bytes at the default): what bursts beyond
    /// the kernel's receive buffer can borrow before new datagrams are dropped and counted.
    /// </summary>
    public int QueueBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>An agent silent for this long is forgotten, with its data sources.</summary>
    public TimeSpan AgentExpiry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A data source whose counters stop for this long is forgotten.</summary>
    public TimeSpan DataSourceExpiry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most agents kept; datagrams from further agents are counted and dropped.</summary>
    public int MaxAgents { get; init; } = 20_000;

    /// <summary>
    /// The most flow definitions (<c>flow.maxdefinitions</c>, Sluice's): every definition is evaluated for every sample
    /// on every worker, so ten thousand of them would stall ingest long before memory runs out. Beyond it a new name
    /// is refused (REST 400); replacing an existing definition is always allowed.
    /// </summary>
    public int MaxFlowDefinitions { get; init; } = 1_000;

    /// <summary>The most data sources kept per agent.</summary>
    public int MaxDataSourcesPerAgent { get; init; } = 4_096;

    /// <summary>
    /// Told of an exception a shard worker caught while processing a datagram: at most once a minute per shard, the
    /// others only counted (<see cref="Ingest.ShardStatistics.ProcessingErrors"/>). Called on the worker's thread.
    /// </summary>
    public Action<Exception>? WorkerErrorReporter { get; init; }

    /// <summary>Limits and timers of logged flows and IPFIX export.</summary>
    public Flows.Logging.FlowLogOptions FlowLog { get; init; } = new();

    /// <summary>
    /// How often thresholds are checked against the latest counter metrics and flow rates; zero leaves checking to
    /// whoever calls <see cref="Thresholds.ThresholdRegistry.Check"/> (tests, or a caller with its own clock).
    /// </summary>
    public TimeSpan ThresholdInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events kept for <c>/events/json</c>; older ones are overwritten.</summary>
    public int EventLogCapacity { get; init; } = 1_000;

    /// <summary>Limits on forwarding sessions and tenants (the allow-list and the rate cap).</summary>
    public Forwarding.ForwardingOptions Forwarding { get; init; } = new();

    /// <summary>
    /// Where the installed topology is kept across restarts (<c>topology.file</c>); null keeps it in memory only.
    /// </summary>
    public string? TopologyFile { get; init; }

    /// <summary>
    /// How often the topology's nodes and ports that lack an agent or ifIndex are looked up again among the names the
    /// agents report (host_descr, port_name); zero leaves it to whoever calls <see cref="Topology.NetworkTopology.Resolve"/>.
    /// </summary>
    public TimeSpan TopologyResolveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Host locations (MAC × edge port) learned from flow samples, over all workers; the least recently seen make room.</summary>
    public int MaxHostLocations { get; init; } = 100_000;

    /// <summary>A host location not seen again for this long is no longer reported.</summary>
    public TimeSpan HostLocationExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>SNMP sysName/ifName enrichment (<c>snmp.*</c>); off unless <c>snmp.ifname=yes</c>.</summary>
    public Enrichment.Snmp.SnmpOptions Snmp { get; init; } = new();
}
