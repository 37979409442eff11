namespace Sluice.Sflow.Datagrams;

/// <summary>Sample formats (sFlow v5 "sample_data" tags).</summary>
public static class SampleTags
{
    /// <summary>sFlow v5, flow_sample (compact source id and ports).</summary>
    public static readonly SflowTag FlowSample = new(0, 1);

    /// <summary>sFlow v5, counters_sample (compact source id).</summary>
    public static readonly SflowTag CountersSample = new(0, 2);

    /// <summary>sFlow v5, flow_sample_expanded.</summary>
    public static readonly SflowTag FlowSampleExpanded = new(0, 3);

    /// <summary>sFlow v5, counters_sample_expanded.</summary>
    public static readonly SflowTag CountersSampleExpanded = new(0, 4);

    /// <summary>sFlow dropped packets extension (sflow.org/sflow_drops.txt), discarded_packet.</summary>
    public static readonly SflowTag DiscardedPacket = new(0, 5);

    /// <summary>InMon real-time metric sample (sflow.org/sflow_rt_metric.txt... enterprise 4300).</summary>
    public static readonly SflowTag RtMetric = new(4300, 1002);

    /// <summary>InMon real-time flow sample (enterprise 4300).</summary>
    public static readonly SflowTag RtFlow = new(4300, 1003);

    public static SampleKind KindOf(SflowTag tag) => tag.Value switch
    {
        1 or 3 => SampleKind.Flow,
        2 or 4 => SampleKind.Counters,
        5 => SampleKind.Discard,
        _ when tag == RtMetric => SampleKind.RtMetric,
        _ when tag == RtFlow => SampleKind.RtFlow,
        _ => SampleKind.Unknown,
    };
}
