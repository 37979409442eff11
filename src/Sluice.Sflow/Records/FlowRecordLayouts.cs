using Sluice.Sflow.Datagrams;
using static Sluice.Sflow.Records.Fields;

namespace Sluice.Sflow.Records;

/// <summary>Layouts of the flow records (flow_data), in tag order. Field names follow sflowtool.</summary>
internal static class FlowRecordLayouts
{
    public static readonly RecordLayout[] All =
    [
        // sFlow v5, sampled_header; v2/v4 lack `stripped`.
        new(FlowRecordTags.SampledHeader, "sampled_header",
        [
            U32("headerProtocol"),
            U32("sampledPacketSize"),
            U32("strippedBytes") with { MinVersion = 5 },
            Opaque("headerBytes"),
        ]),

        // sFlow v5, extended_switch.
        new(FlowRecordTags.ExtendedSwitch, "extended_switch",
        [
            U32("in_vlan"),
            U32("in_priority"),
            U32("out_vlan"),
            U32("out_priority"),
        ]),
    ];
}
