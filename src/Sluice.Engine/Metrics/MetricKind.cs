namespace Sluice.Engine.Metrics;

/// <summary>How a metric's published value relates to the counter record field it comes from.</summary>
public enum MetricKind
{
    /// <summary>A cumulative counter published as a per-second rate (delta over elapsed time).</summary>
    Counter,

    /// <summary>A value published as it is (after unit scaling), or computed from other metrics of the same record.</summary>
    Gauge,

    /// <summary>A string (names, enumerations such as <c>iftype</c> or <c>os_name</c>).</summary>
    Text,
}
