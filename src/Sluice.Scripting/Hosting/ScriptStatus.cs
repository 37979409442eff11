using System.Text.Json.Serialization;

namespace Sluice.Scripting.Hosting;

/// <summary>One entry of <c>/scripts/json</c> (sflow-rt-api.md §1.10).</summary>
public sealed record ScriptStatus
{
    [JsonPropertyName("flowsReceived")] public long FlowsReceived { get; init; }
    [JsonPropertyName("flowsLost")] public long FlowsLost { get; init; }
    [JsonPropertyName("eventsReceived")] public long EventsReceived { get; init; }
    [JsonPropertyName("eventsLost")] public long EventsLost { get; init; }
    [JsonPropertyName("requestsReceived")] public long RequestsReceived { get; init; }
    [JsonPropertyName("requestsLost")] public long RequestsLost { get; init; }

    /// <summary>Time spent running the script's callbacks (wall clock on its own thread), in ms.</summary>
    [JsonPropertyName("cpuMs")] public long CpuMs { get; init; }

    [JsonPropertyName("alive")] public bool Alive { get; init; }
    [JsonPropertyName("gracefulExit")] public bool GracefulExit { get; init; }

    /// <summary><c>&lt;file&gt;#&lt;line&gt; &lt;message&gt;</c> when the script stopped on an error.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
