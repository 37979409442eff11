namespace Sluice.Engine.Thresholds;

/// <summary>
/// sFlow-RT's threshold (sflow-rt-api.md §5; <c>PUT /threshold/{name}/json</c>, <c>setThreshold</c>): raise an event when
/// <see cref="Metric"/> at some agent and data source goes above <see cref="Value"/>.
/// </summary>
public sealed record ThresholdDefinition
{
    /// <summary>Seconds of hysteresis when the definition gives none (sFlow-RT documents no default).</summary>
    public const double DefaultTimeout = 60;

    /// <summary>
    /// A counter metric (<c>load_one</c>) or a flow name; <c>&lt;ds&gt;.&lt;name&gt;</c> watches one data source only.
    /// Aggregation prefixes (<c>max:</c>) do not apply: every data source is checked on its own.
    /// </summary>
    public required string Metric { get; init; }

    /// <summary>The level: an event fires when the value goes above it.</summary>
    public required double Value { get; init; }

    /// <summary>
    /// Data source attribute filter, e.g. <c>{"ifspeed":["10000000000"]}</c>: only data sources whose counter metrics
    /// match (as a <see cref="Metrics.MetricFilter"/>) are checked. Null or empty checks every data source.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Filter { get; init; }

    /// <summary>With a flow metric: one event per flow key that crosses, instead of one per data source total.</summary>
    public bool ByFlow { get; init; }

    /// <summary>
    /// Hysteresis in seconds (fractions allowed): once triggered, an agent/data source/flow re-arms only after its value
    /// has stayed at or below the level this long.
    /// </summary>
    public double Timeout { get; init; } = DefaultTimeout;
}
