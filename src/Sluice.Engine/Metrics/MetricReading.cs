namespace Sluice.Engine.Metrics;

/// <summary>One metric's latest value as read from a <see cref="DataSourceMetrics"/>.</summary>
public readonly record struct MetricReading(MetricDefinition Metric, double Number, string? Text, long LastUpdateUnixMs)
{
    public bool IsText => Text is not null;

    /// <summary>The value as JSON wants it: a string or a boxed double.</summary>
    public object Value => Text ?? (object)Number;
}
