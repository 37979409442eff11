using Sluice.Engine.Flows;

namespace Sluice.Fuzz;

/// <summary>
/// The flow definitions the whole-path target installs: every kind of key function, filter and value an operator
/// uses (a <c>country:</c> and an <c>asn:</c> key, list, regex and not-equal filters, <c>count:</c>/<c>avg:</c>/<c>max:</c>
/// values), so a hostile sample reaches every evaluator.
/// </summary>
public static class IngestFlows
{
    public static IReadOnlyList<(string Name, FlowDefinition Definition)> Definitions { get; } =
    [
        ("pairs", new FlowDefinition { Keys = "ipsource,ipdestination", Value = "bytes" }),
        ("tcp-sources", new FlowDefinition { Keys = "ipsource", Value = "bytes", Filter = "ipprotocol=6" }),
        ("services", new FlowDefinition { Keys = "ipdestination,tcpdestinationport", Value = "frames" }),
        ("l2", new FlowDefinition { Keys = "macsource,macdestination,vlan,ethernetprotocol", Value = "bytes" }),
        ("countries", new FlowDefinition { Keys = "null:[country:ipsource]:unknown,null:[country:ipdestination]:unknown,asn:ipsource", Value = "bytes" }),
        ("five-tuple", new FlowDefinition { Keys = "ipsource,ipdestination,ipprotocol,or:tcpdestinationport:udpdestinationport", Value = "bytes", Values = "count:ipsource,avg:ipbytes,max:bytes", Filter = "ipprotocol=6,17" }),
        ("ports", new FlowDefinition { Keys = "inputifindex,outputifindex", Value = "frames", Values = "max:ipttl,avg:tcpsourceport" }),
        ("stacks", new FlowDefinition { Keys = "stack,oui:macsource", Value = "frames" }),
        ("syn", new FlowDefinition { Keys = "ipdestination", Value = "frames", Filter = "tcpflags~.......1." }),
        ("dscp", new FlowDefinition { Keys = "ipdscp,ipprotocol,prefix:stack:.:2", Value = "bytes", Filter = "ipdestination!=192.0.2.1" }),
        ("v6", new FlowDefinition { Keys = "ip6source,ip6destination,ip6nexthdr", Value = "bytes", Filter = "ip6source~^2001:.*" }),
        ("dns", new FlowDefinition { Keys = "dnsqname,dnsqtype", Value = "requests", Dropped = false }),
        ("drops", new FlowDefinition { Keys = "ipsource,reason", Value = "frames", Dropped = true }),
    ];
}
