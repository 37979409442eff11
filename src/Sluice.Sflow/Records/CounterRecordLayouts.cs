using Sluice.Sflow.Datagrams;
using static Sluice.Sflow.Records.Fields;

namespace Sluice.Sflow.Records;

/// <summary>Layouts of the counter records (counter_data), in tag order. Field names follow sflowtool.</summary>
internal static class CounterRecordLayouts
{
    public static readonly RecordLayout[] All =
    [
        // sFlow v5, if_counters.
        new(CounterRecordTags.Generic, "if_counters",
        [
            U32("ifIndex"),
            U32("networkType"),
            U64("ifSpeed"),
            U32("ifDirection"),
            U32("ifStatus"),
            U64("ifInOctets"),
            U32("ifInUcastPkts"),
            U32("ifInMulticastPkts"),
            U32("ifInBroadcastPkts"),
            U32("ifInDiscards"),
            U32("ifInErrors"),
            U32("ifInUnknownProtos"),
            U64("ifOutOctets"),
            U32("ifOutUcastPkts"),
            U32("ifOutMulticastPkts"),
            U32("ifOutBroadcastPkts"),
            U32("ifOutDiscards"),
            U32("ifOutErrors"),
            U32("ifPromiscuousMode"),
        ]) { IsCounter = true },

        // Host sFlow, host_descr.
        new(CounterRecordTags.HostDescription, "host_descr",
        [
            Str("hostname", 64),
            Uuid("UUID"),
            U32("machine_type"),
            U32("os_name"),
            Str("os_release", 32),
        ]) { IsCounter = true },

        // Host sFlow, host_adapters.
        new(CounterRecordTags.HostAdapters, "host_adapters",
        [
            List("adaptors", U32("ifIndex"), List("MACs", Mac("MAC"))),
        ]) { IsCounter = true },
    ];
}
