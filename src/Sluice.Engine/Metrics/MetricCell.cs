using Sluice.Engine.Flows;

namespace Sluice.Engine.Metrics;

/// <summary>
/// One metric's value at one data source as the queries see it: a counter metric's reading, or a flow
/// definition's total rate (then <see cref="Flow"/> is set, for its top keys).
/// </summary>
internal readonly record struct MetricCell(string Agent, string DataSource, string Name, double Number, string? Text, long LastUpdateUnixMs, FlowMetricSource? Flow)
{
    public bool IsText => Text is not null;

    /// <summary>The value as JSON wants it: a string or a boxed double.</summary>
    public object Value => Text ?? (object)Number;

    public static MetricCell Of(DataSourceMetrics source, MetricReading reading) =>
        new(source.AgentName, source.DataSource, reading.Metric.Name, reading.Number, reading.Text, reading.LastUpdateUnixMs, null);

    public static MetricCell Of(FlowMetricSource flow, long nowUnixMs) =>
        new(flow.Agent, flow.DataSource.Name, flow.Name, flow.Total(nowUnixMs), null, flow.LastUpdateUnixMs, flow);
}
