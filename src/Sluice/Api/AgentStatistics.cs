using System.Text.Json.Serialization;
using Sluice.Engine.Agents;

namespace Sluice.Api;

/// <summary>One entry of <c>/agents/json</c>: sFlow-RT's per-agent session statistics (sflow-rt-api.md §1.1).</summary>
internal sealed record AgentStatistics
{
    [JsonPropertyName("sFlowDatagramsReceived")] public long DatagramsReceived { get; init; }
    [JsonPropertyName("sFlowDatagramsLost")] public long DatagramsLost { get; init; }
    [JsonPropertyName("sFlowDatagramsDuplicates")] public long DatagramsDuplicates { get; init; }
    [JsonPropertyName("sFlowDatagramsOutOfOrder")] public long DatagramsOutOfOrder { get; init; }
    [JsonPropertyName("sFlowAgentRestarts")] public long Restarts { get; init; }
    [JsonPropertyName("sFlowParseErrors")] public long ParseErrors { get; init; }
    [JsonPropertyName("sFlowBytesReceived")] public long BytesReceived { get; init; }
    [JsonPropertyName("sFlowFlowSamples")] public long FlowSamples { get; init; }
    [JsonPropertyName("sFlowFlowDuplicateSamples")] public long FlowDuplicateSamples { get; init; }
    [JsonPropertyName("sFlowFlowOutOfOrderSamples")] public long FlowOutOfOrderSamples { get; init; }
    [JsonPropertyName("sFlowFlowLostSamples")] public long FlowLostSamples { get; init; }
    [JsonPropertyName("sFlowCounterSamples")] public long CounterSamples { get; init; }
    [JsonPropertyName("sFlowCounterDuplicateSamples")] public long CounterDuplicateSamples { get; init; }
    [JsonPropertyName("sFlowCounterOutOfOrderSamples")] public long CounterOutOfOrderSamples { get; init; }
    [JsonPropertyName("sFlowCounterLostSamples")] public long CounterLostSamples { get; init; }
    [JsonPropertyName("sFlowDiscardSamples")] public long DiscardSamples { get; init; }
    [JsonPropertyName("dataSources")] public int DataSources { get; init; }
    [JsonPropertyName("uptime")] public long Uptime { get; init; }
    [JsonPropertyName("firstSeen")] public long FirstSeen { get; init; }
    [JsonPropertyName("lastSeen")] public long LastSeen { get; init; }
    [JsonPropertyName("sourceIP")] public required string SourceIP { get; init; }

    public static AgentStatistics From(AgentState agent, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(agent);
        long flowDup = 0, flowOoo = 0, flowLost = 0, counterDup = 0, counterOoo = 0, counterLost = 0;
        foreach (var source in agent.DataSources)
        {
            flowDup += source.FlowSampleDuplicates;
            flowOoo += source.FlowSampleOutOfOrder;
            flowLost += source.FlowSamplesLost;
            counterDup += source.CounterSampleDuplicates;
            counterOoo += source.CounterSampleOutOfOrder;
            counterLost += source.CounterSamplesLost;
        }

        return new AgentStatistics
        {
            DatagramsReceived = agent.Datagrams,
            DatagramsLost = agent.DatagramsLost,
            DatagramsDuplicates = agent.DatagramDuplicates,
            DatagramsOutOfOrder = agent.DatagramsOutOfOrder,
            Restarts = agent.Restarts,
            ParseErrors = agent.ParseErrors,
            BytesReceived = agent.Bytes,
            FlowSamples = agent.FlowSamples,
            FlowDuplicateSamples = flowDup,
            FlowOutOfOrderSamples = flowOoo,
            FlowLostSamples = flowLost,
            CounterSamples = agent.CounterSamples,
            CounterDuplicateSamples = counterDup,
            CounterOutOfOrderSamples = counterOoo,
            CounterLostSamples = counterLost,
            DiscardSamples = agent.DiscardSamples,
            DataSources = agent.DataSourceCount,
            Uptime = agent.Uptime,
            FirstSeen = Math.Max(0, nowUnixMs - agent.FirstSeenUnixMs),
            LastSeen = Math.Max(0, nowUnixMs - agent.LastSeenUnixMs),
            SourceIP = agent.LastSource.ToString(),
        };
    }
}
