using System.Text.Json.Serialization;
using Sluice.Engine.Agents;

namespace Sluice.Api;

/// <summary>
/// One entry of <c>/agents/{agent}/datasources/json</c> (a Sluice addition: sFlow-RT shows none of this over REST): a
/// data source's sampling and polling settings and its sample counts, for the UI's agent page.
/// </summary>
internal sealed record DataSourceStatistics
{
    [JsonPropertyName("agent")] public required string Agent { get; init; }
    [JsonPropertyName("dataSource")] public required string DataSource { get; init; }
    [JsonPropertyName("samplingRate")] public long SamplingRate { get; init; }
    [JsonPropertyName("pollingInterval")] public long PollingInterval { get; init; }
    [JsonPropertyName("flowSamples")] public long FlowSamples { get; init; }
    [JsonPropertyName("flowSamplesLost")] public long FlowSamplesLost { get; init; }
    [JsonPropertyName("counterSamples")] public long CounterSamples { get; init; }
    [JsonPropertyName("counterSamplesLost")] public long CounterSamplesLost { get; init; }
    [JsonPropertyName("drops")] public long Drops { get; init; }
    [JsonPropertyName("lastUpdate")] public long LastUpdate { get; init; }

    public static DataSourceStatistics From(AgentState agent, DataSourceState source, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(source);
        return new DataSourceStatistics
        {
            Agent = agent.Name,
            DataSource = source.Name,
            SamplingRate = source.SamplingRate,
            PollingInterval = source.PollingIntervalMs / 1000,
            FlowSamples = source.FlowSamples,
            FlowSamplesLost = source.FlowSamplesLost,
            CounterSamples = source.CounterSamples,
            CounterSamplesLost = source.CounterSamplesLost,
            Drops = source.Drops,
            LastUpdate = Math.Max(0, nowUnixMs - source.LastUpdateUnixMs),
        };
    }
}
