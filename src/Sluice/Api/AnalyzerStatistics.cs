using System.Diagnostics;
using System.Text.Json.Serialization;
using Sluice.Engine;

namespace Sluice.Api;

/// <summary>
/// <c>/analyzer/json</c>: sFlow-RT's analyzer statistics (sflow-rt-api.md §1.1), the JVM fields mapped to their
/// .NET equivalents (heap = GC heap, threads = process threads, gc = total pause time and collections), plus
/// Sluice's own ingest counters (kernel and queue drops, samples).
/// </summary>
internal sealed record AnalyzerStatistics
{
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("uptime")] public long Uptime { get; init; }
    [JsonPropertyName("sFlowAgents")] public int Agents { get; init; }
    [JsonPropertyName("sFlowDatagramsReceived")] public long DatagramsReceived { get; init; }
    [JsonPropertyName("sFlowBytesReceived")] public long BytesReceived { get; init; }
    [JsonPropertyName("sFlowParseErrors")] public long ParseErrors { get; init; }
    [JsonPropertyName("sFlowUnsupportedVersion")] public long UnsupportedVersion { get; init; }
    [JsonPropertyName("sFlowDatagramsDiscarded")] public long DatagramsDiscarded { get; init; }
    [JsonPropertyName("sFlowQueueDrops")] public long QueueDrops { get; init; }
    [JsonPropertyName("sFlowKernelDrops")] public long KernelDrops { get; init; }
    [JsonPropertyName("sFlowAgentLimitDrops")] public long AgentLimitDrops { get; init; }
    /// <summary>Sluice's: datagrams from UDP sources outside <c>sflow.allow</c>, dropped unread and not in <c>sFlowDatagramsReceived</c>.</summary>
    [JsonPropertyName("sFlowDatagramsRejected")] public long DatagramsRejected { get; init; }
    /// <summary>Sluice's: datagrams skipped because processing them threw (a defect; reported in the log). 0 in a healthy engine.</summary>
    [JsonPropertyName("sFlowProcessingErrors")] public long ProcessingErrors { get; init; }
    [JsonPropertyName("sFlowFlowSamples")] public long FlowSamples { get; init; }
    [JsonPropertyName("sFlowCounterSamples")] public long CounterSamples { get; init; }
    [JsonPropertyName("sFlowDiscardSamples")] public long DiscardSamples { get; init; }
    [JsonPropertyName("sFlowQueued")] public int Queued { get; init; }
    [JsonPropertyName("sFlowReceiveBuffer")] public int ReceiveBuffer { get; init; }
    [JsonPropertyName("httpConnectionsCurrent")] public long HttpConnectionsCurrent { get; init; }
    [JsonPropertyName("httpConnectionsTotal")] public long HttpConnectionsTotal { get; init; }
    [JsonPropertyName("httpMessagesSent")] public long HttpMessagesSent { get; init; }
    [JsonPropertyName("httpMessagesReceived")] public long HttpMessagesReceived { get; init; }
    [JsonPropertyName("httpBytesSent")] public long HttpBytesSent { get; init; }
    [JsonPropertyName("httpBytesReceived")] public long HttpBytesReceived { get; init; }
    [JsonPropertyName("availableProcessors")] public int AvailableProcessors { get; init; }
    [JsonPropertyName("heapMax")] public long HeapMax { get; init; }
    [JsonPropertyName("heapUsed")] public long HeapUsed { get; init; }
    [JsonPropertyName("threadCount")] public int ThreadCount { get; init; }
    [JsonPropertyName("gcTime")] public long GcTime { get; init; }
    [JsonPropertyName("gcCount")] public long GcCount { get; init; }

    // Gen 2 collections are the expensive, blocking ones: a soak watches this count for steady growth.
    [JsonPropertyName("gcGen2Count")] public long GcGen2Count { get; init; }
    [JsonPropertyName("cpuTime")] public long CpuTime { get; init; }
    [JsonPropertyName("memTotal")] public long MemTotal { get; init; }
    [JsonPropertyName("memUsed")] public long MemUsed { get; init; }
    [JsonPropertyName("flowsGenerated")] public long FlowsGenerated { get; init; }
    [JsonPropertyName("eventsGenerated")] public long EventsGenerated { get; init; }
    [JsonPropertyName("updateAvailable")] public bool UpdateAvailable { get; init; }

    public static AnalyzerStatistics Collect(SluiceEngine engine, HttpStatistics http)
    {
        long datagrams = 0, bytes = 0, parse = 0, version = 0, queueDrops = 0, agentDrops = 0, flows = 0, counters = 0, discards = 0, errors = 0;
        foreach (var shard in engine.ShardStatistics)
        {
            datagrams += shard.Decoded;
            bytes += shard.Bytes;
            parse += shard.ParseErrors;
            version += shard.UnsupportedVersion;
            queueDrops += shard.QueueDrops;
            agentDrops += shard.AgentLimitDrops;
            flows += shard.FlowSamples;
            counters += shard.CounterSamples;
            discards += shard.DiscardSamples;
            errors += shard.ProcessingErrors;
        }

        var kernelDrops = engine.KernelDrops;
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new AnalyzerStatistics
        {
            Version = SluiceVersion.Text,
            Uptime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - engine.StartedUnixMs,
            Agents = engine.AgentCount,
            DatagramsReceived = datagrams + queueDrops,
            BytesReceived = bytes,
            ParseErrors = parse,
            UnsupportedVersion = version,
            DatagramsDiscarded = queueDrops + kernelDrops + agentDrops,
            QueueDrops = queueDrops,
            KernelDrops = kernelDrops,
            AgentLimitDrops = agentDrops,
            ProcessingErrors = errors,
            DatagramsRejected = engine.Receiver?.Rejected ?? 0,
            FlowSamples = flows,
            CounterSamples = counters,
            DiscardSamples = discards,
            Queued = engine.QueuedDatagrams,
            ReceiveBuffer = engine.Receiver?.ReceiveBufferBytes ?? 0,
            HttpConnectionsCurrent = http.ConnectionsCurrent,
            HttpConnectionsTotal = http.ConnectionsTotal,
            HttpMessagesSent = http.MessagesSent,
            HttpMessagesReceived = http.MessagesReceived,
            HttpBytesSent = http.BytesSent,
            HttpBytesReceived = http.BytesReceived,
            AvailableProcessors = Environment.ProcessorCount,
            HeapMax = gc.TotalAvailableMemoryBytes,
            HeapUsed = GC.GetTotalMemory(forceFullCollection: false),
            ThreadCount = process.Threads.Count,
            GcTime = (long)GC.GetTotalPauseDuration().TotalMilliseconds,
            GcCount = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2),
            GcGen2Count = GC.CollectionCount(2),
            CpuTime = (long)process.TotalProcessorTime.TotalMilliseconds,
            MemTotal = gc.TotalAvailableMemoryBytes,
            MemUsed = process.WorkingSet64,
            EventsGenerated = engine.Events.LastEventId,
        };
    }
}
