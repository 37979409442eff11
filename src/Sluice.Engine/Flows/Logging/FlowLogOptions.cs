namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// Limits and timers of logged flows (<c>log:true</c>) and IPFIX export (<c>ipfixCollectors</c>). Every store here has
/// a bound: what does not fit is evicted (the tracking cache), overwritten (the log ring) or dropped and counted (queues).
/// </summary>
public sealed record FlowLogOptions
{
    /// <summary>Flows tracked per definition per shard; a new flow in a full cache ends the least recently seen one.</summary>
    public int CacheSize { get; init; } = 10_000;

    /// <summary>Completed flow records kept for <c>/flows/json</c> (a ring: the oldest are overwritten).</summary>
    public int LogSize { get; init; } = 10_000;

    /// <summary>Records queued for each <c>setFlowHandler</c> subscriber before the oldest are dropped.</summary>
    public int SubscriberQueue { get; init; } = 10_000;

    /// <summary>
    /// The least time without samples that ends a flow. The idle timeout is the larger of this and 2 × <c>t</c>: by then
    /// the flow's smoothed rate has decayed below 14 %, and a few seconds is needed because sampled flows (1 in N) see
    /// samples seconds apart even while they are busy. It never exceeds the definition's <c>activeTimeout</c>.
    /// </summary>
    public TimeSpan MinimumIdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the worker looks for idle flows.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Completed records queued for each IPFIX exporter before new ones are dropped and counted.</summary>
    public int ExportQueue { get; init; } = 10_000;

    /// <summary>How often templates are sent again over UDP (RFC 7011 §8.4: UDP exporters resend templates periodically).</summary>
    public TimeSpan TemplateInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest IPFIX message, in bytes: under the usual 1,500-byte MTU so messages are not fragmented (RFC 7011 §10.3.3).</summary>
    public int MaxMessageBytes { get; init; } = 1400;

    /// <summary>
    /// The first IPFIX observation domain ID; each exporting definition (and each redefinition) takes the next one, so
    /// its template ID and sequence numbers never mix with another definition's at the collector.
    /// </summary>
    public uint FirstObservationDomain { get; init; } = 1;
}
