namespace Sluice.Sflow.Datagrams;

/// <summary>Flow record formats ("flow_data" tags), with the document that defines each.</summary>
public static class FlowRecordTags
{
    /// <summary>sFlow v5, sampled_header.</summary>
    public static readonly SflowTag SampledHeader = new(0, 1);

    /// <summary>sFlow v5, sampled_ethernet.</summary>
    public static readonly SflowTag SampledEthernet = new(0, 2);

    /// <summary>sFlow v5, sampled_ipv4.</summary>
    public static readonly SflowTag SampledIPv4 = new(0, 3);

    /// <summary>sFlow v5, sampled_ipv6.</summary>
    public static readonly SflowTag SampledIPv6 = new(0, 4);

    /// <summary>sFlow v5, extended_switch.</summary>
    public static readonly SflowTag ExtendedSwitch = new(0, 1001);

    /// <summary>sFlow v5, extended_router.</summary>
    public static readonly SflowTag ExtendedRouter = new(0, 1002);

    /// <summary>sFlow v5, extended_gateway.</summary>
    public static readonly SflowTag ExtendedGateway = new(0, 1003);

    /// <summary>sFlow v5, extended_user.</summary>
    public static readonly SflowTag ExtendedUser = new(0, 1004);

    /// <summary>sFlow v5, extended_url (deprecated by the HTTP structures).</summary>
    public static readonly SflowTag ExtendedUrl = new(0, 1005);

    /// <summary>sFlow v5, extended_mpls.</summary>
    public static readonly SflowTag ExtendedMpls = new(0, 1006);

    /// <summary>sFlow v5, extended_nat.</summary>
    public static readonly SflowTag ExtendedNat = new(0, 1007);

    /// <summary>sFlow v5, extended_mpls_tunnel.</summary>
    public static readonly SflowTag ExtendedMplsTunnel = new(0, 1008);

    /// <summary>sFlow v5, extended_mpls_vc.</summary>
    public static readonly SflowTag ExtendedMplsVc = new(0, 1009);

    /// <summary>sFlow v5, extended_mpls_FTN.</summary>
    public static readonly SflowTag ExtendedMplsFtn = new(0, 1010);

    /// <summary>sFlow v5, extended_mpls_LDP_FEC.</summary>
    public static readonly SflowTag ExtendedMplsLdpFec = new(0, 1011);

    /// <summary>sFlow v5, extended_vlantunnel.</summary>
    public static readonly SflowTag ExtendedVlanTunnel = new(0, 1012);

    /// <summary>sFlow 802.11 structures, extended_80211_payload.</summary>
    public static readonly SflowTag Extended80211Payload = new(0, 1013);

    /// <summary>sFlow 802.11 structures, extended_80211_rx.</summary>
    public static readonly SflowTag Extended80211Rx = new(0, 1014);

    /// <summary>sFlow 802.11 structures, extended_80211_tx.</summary>
    public static readonly SflowTag Extended80211Tx = new(0, 1015);

    /// <summary>sFlow 802.11 structures, extended_80211_aggregation (not decoded by sflowtool either).</summary>
    public static readonly SflowTag Extended80211Aggregation = new(0, 1016);

    /// <summary>sFlow NAT port extension, extended_nat_port.</summary>
    public static readonly SflowTag ExtendedNatPort = new(0, 1020);

    /// <summary>sFlow tunnel structures, extended_L2_tunnel_egress.</summary>
    public static readonly SflowTag ExtendedL2TunnelOut = new(0, 1021);

    /// <summary>sFlow tunnel structures, extended_L2_tunnel_ingress.</summary>
    public static readonly SflowTag ExtendedL2TunnelIn = new(0, 1022);

    /// <summary>sFlow tunnel structures, extended_ipv4_tunnel_egress.</summary>
    public static readonly SflowTag ExtendedIPv4TunnelOut = new(0, 1023);

    /// <summary>sFlow tunnel structures, extended_ipv4_tunnel_ingress.</summary>
    public static readonly SflowTag ExtendedIPv4TunnelIn = new(0, 1024);

    /// <summary>sFlow tunnel structures, extended_ipv6_tunnel_egress.</summary>
    public static readonly SflowTag ExtendedIPv6TunnelOut = new(0, 1025);

    /// <summary>sFlow tunnel structures, extended_ipv6_tunnel_ingress.</summary>
    public static readonly SflowTag ExtendedIPv6TunnelIn = new(0, 1026);

    /// <summary>sFlow tunnel structures, extended_decapsulate_egress.</summary>
    public static readonly SflowTag ExtendedDecapOut = new(0, 1027);

    /// <summary>sFlow tunnel structures, extended_decapsulate_ingress.</summary>
    public static readonly SflowTag ExtendedDecapIn = new(0, 1028);

    /// <summary>sFlow tunnel structures, extended_vni_egress.</summary>
    public static readonly SflowTag ExtendedVniOut = new(0, 1029);

    /// <summary>sFlow tunnel structures, extended_vni_ingress.</summary>
    public static readonly SflowTag ExtendedVniIn = new(0, 1030);

    /// <summary>sFlow drops extension, extended_egress_queue.</summary>
    public static readonly SflowTag ExtendedEgressQueue = new(0, 1036);

    /// <summary>sFlow drops extension, extended_acl (skipped by sflowtool).</summary>
    public static readonly SflowTag ExtendedAcl = new(0, 1037);

    /// <summary>sFlow drops extension, extended_function.</summary>
    public static readonly SflowTag ExtendedFunction = new(0, 1038);

    /// <summary>sFlow transit delay extension, extended_transit.</summary>
    public static readonly SflowTag ExtendedTransitDelay = new(0, 1039);

    /// <summary>sFlow transit delay extension, extended_queue.</summary>
    public static readonly SflowTag ExtendedQueueDepth = new(0, 1040);

    /// <summary>sFlow drops extension, extended_hw_trap.</summary>
    public static readonly SflowTag ExtendedHardwareTrap = new(0, 1041);

    /// <summary>sFlow drops extension, extended_linux_drop_reason.</summary>
    public static readonly SflowTag ExtendedLinuxDropReason = new(0, 1042);

    /// <summary>Host sFlow, extended_timestamp (ns since the epoch).</summary>
    public static readonly SflowTag ExtendedTimestamp = new(0, 1043);

    /// <summary>Host sFlow, extended_socket_ipv4.</summary>
    public static readonly SflowTag ExtendedSocketIPv4 = new(0, 2100);

    /// <summary>Host sFlow, extended_socket_ipv6.</summary>
    public static readonly SflowTag ExtendedSocketIPv6 = new(0, 2101);

    /// <summary>Host sFlow, extended_proxy_socket_ipv4.</summary>
    public static readonly SflowTag ExtendedProxySocketIPv4 = new(0, 2102);

    /// <summary>Host sFlow, extended_proxy_socket_ipv6.</summary>
    public static readonly SflowTag ExtendedProxySocketIPv6 = new(0, 2103);

    /// <summary>sFlow memcache structures, memcache_operation.</summary>
    public static readonly SflowTag MemcacheOperation = new(0, 2200);

    /// <summary>sFlow HTTP structures, http_request (deprecated layout).</summary>
    public static readonly SflowTag HttpRequestDeprecated = new(0, 2201);

    /// <summary>sFlow application structures, app_operation.</summary>
    public static readonly SflowTag AppOperation = new(0, 2202);

    /// <summary>sFlow application structures, app_parent_context.</summary>
    public static readonly SflowTag AppParentContext = new(0, 2203);

    /// <summary>sFlow application structures, app_initiator.</summary>
    public static readonly SflowTag AppInitiator = new(0, 2204);

    /// <summary>sFlow application structures, app_target.</summary>
    public static readonly SflowTag AppTarget = new(0, 2205);

    /// <summary>sFlow HTTP structures, http_request.</summary>
    public static readonly SflowTag HttpRequest = new(0, 2206);

    /// <summary>Host sFlow, extended_proxy_request.</summary>
    public static readonly SflowTag ExtendedProxyRequest = new(0, 2207);

    /// <summary>Host sFlow, extended_tcp_info.</summary>
    public static readonly SflowTag ExtendedTcpInfo = new(0, 2209);

    /// <summary>Host sFlow, extended_entities.</summary>
    public static readonly SflowTag ExtendedEntities = new(0, 2210);
}
