namespace Sluice.Sflow.Datagrams;

public enum SampleKind : byte
{
    Unknown = 0,
    Flow,
    Counters,
    Discard,
    RtMetric,
    RtFlow,
}
