using Sluice.Engine.Flows;

namespace Sluice.Benchmarks;

/// <summary>
/// Ten flow definitions like an operator's dashboard: keys of one to four fields, filters (list, regex, not-equal),
/// a <c>country:</c> key. The end-to-end load benchmark installs the same set (bench/load/ten-flows.json).
/// </summary>
internal static class TenFlows
{
    public static IReadOnlyList<(string Name, FlowDefinition Definition)> Definitions { get; } =
    [
        ("pairs", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" }),
        ("tcp-sources", new FlowDefinition { Keys = "ipsource", Value = "bytes", Filter = "ipprotocol=6" }),
        ("services", new FlowDefinition { Keys = "ipdestination,tcpdestinationport", Value = "frames" }),
        ("l2", new FlowDefinition { Keys = "macsource,macdestination,vlan,ethernetprotocol", Value = "bytes" }),
        ("countries", new FlowDefinition { Keys = "null:[country:ipsource]:unknown,null:[country:ipdestination]:unknown", Value = "bytes" }),
        ("five-tuple", new FlowDefinition { Keys = "ipsource,ipdestination,ipprotocol,or:tcpdestinationport:udpdestinationport", Value = "bytes", Filter = "ipprotocol=6,17" }),
        ("ports", new FlowDefinition { Keys = "inputifindex,outputifindex", Value = "frames" }),
        ("stacks", new FlowDefinition { Keys = "stack", Value = "frames" }),
        ("syn", new FlowDefinition { Keys = "ipdestination", Value = "frames", Filter = "tcpflags~.......1." }),
        ("dscp", new FlowDefinition { Keys = "ipdscp,ipprotocol", Value = "bytes", Filter = "ipdestination!=192.0.2.1" }),
    ];
}
