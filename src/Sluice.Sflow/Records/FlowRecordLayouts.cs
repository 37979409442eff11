using Sluice.Sflow.Datagrams;
using static Sluice.Sflow.Records.Fields;

namespace Sluice.Sflow.Records;

/// <summary>
/// Layouts of the flow records (flow_data), in tag order: every flow record sflowtool 6.11 decodes.
/// Field names follow sflowtool. Text maxima are the specification bounds (sflowtool keeps one byte fewer).
/// Records whose printed form is not a plain field list (headers, sampled IPv4/IPv6, gateway) are
/// still described completely here, so any consumer can validate and walk them.
/// </summary>
internal static class FlowRecordLayouts
{
    public static readonly RecordLayout[] All =
    [
        // sFlow v5, sampled_header; v2/v4 lack `stripped`.
        new(FlowRecordTags.SampledHeader, "sampled_header",
        [
            U32("headerProtocol"),
            U32("sampledPacketSize"),
            Since(U32("strippedBytes"), 5),
            Opaque("headerBytes"),
        ]),

        // sFlow v5, sampled_ethernet.
        new(FlowRecordTags.SampledEthernet, "sampled_ethernet", SampledEthernet()),

        // sFlow v5, sampled_ipv4.
        new(FlowRecordTags.SampledIPv4, "sampled_ipv4", SampledIPv4()),

        // sFlow v5, sampled_ipv6.
        new(FlowRecordTags.SampledIPv6, "sampled_ipv6", SampledIPv6()),

        // sFlow v5, extended_switch.
        new(FlowRecordTags.ExtendedSwitch, "extended_switch",
        [
            U32("in_vlan"),
            U32("in_priority"),
            U32("out_vlan"),
            U32("out_priority"),
        ]),

        // sFlow v5, extended_router.
        new(FlowRecordTags.ExtendedRouter, "extended_router",
        [
            Address("nextHop"),
            U32("srcSubnetMask"),
            U32("dstSubnetMask"),
        ]),

        // sFlow v2 (INMExtended_gateway): a flat AS path, no communities or local preference.
        new(FlowRecordTags.ExtendedGateway, "extended_gateway_v2",
        [
            U32("my_as"),
            U32("src_as"),
            U32("src_peer_as"),
            U32List("dst_as_path", FieldDisplay.DashList),
        ]) { MinVersion = 2, MaxVersion = 2 },

        // sFlow v5 (and v4 without the next hop), extended_gateway: AS path segments (1 = AS_SET, 2 = AS_SEQUENCE).
        new(FlowRecordTags.ExtendedGateway, "extended_gateway",
        [
            Since(Address("bgp_nexthop"), 5),
            U32("my_as"),
            U32("src_as"),
            U32("src_peer_as"),
            List("dst_as_path", U32("segment_type", FieldDisplay.Hidden), U32List("segment")) with { Display = FieldDisplay.Hidden },
            U32List("BGP_communities", FieldDisplay.DashList),
            U32("BGP_localpref"),
        ]) { MinVersion = 4 },

        // sFlow v5, extended_user; v2/v4 lack the character sets.
        new(FlowRecordTags.ExtendedUser, "extended_user",
        [
            Since(U32("src_user_charset"), 5),
            Str("src_user", 200, FieldDisplay.TextAlways),
            Since(U32("dst_user_charset"), 5),
            Str("dst_user", 200, FieldDisplay.TextAlways),
        ]),

        // sFlow v5, extended_url; v2/v4 lack the host.
        new(FlowRecordTags.ExtendedUrl, "extended_url",
        [
            U32("url_direction"),
            Str("url", 200, FieldDisplay.TextAlways),
            Since(Str("host", 200, FieldDisplay.TextAlways), 5),
        ]),

        // sFlow v5, extended_mpls.
        new(FlowRecordTags.ExtendedMpls, "extended_mpls",
        [
            Address("mpls_nexthop"),
            U32List("mpls_input_stack", FieldDisplay.MplsLabelStack),
            U32List("mpls_output_stack", FieldDisplay.MplsLabelStack),
        ]),

        // sFlow v5, extended_nat.
        new(FlowRecordTags.ExtendedNat, "extended_nat",
        [
            Address("nat_src"),
            Address("nat_dst"),
        ]),

        // sFlow v5, extended_mpls_tunnel.
        new(FlowRecordTags.ExtendedMplsTunnel, "extended_mpls_tunnel",
        [
            Str("mpls_tunnel_lsp_name", 100),
            U32("mpls_tunnel_id"),
            U32("mpls_tunnel_cos"),
        ]),

        // sFlow v5, extended_mpls_vc.
        new(FlowRecordTags.ExtendedMplsVc, "extended_mpls_vc",
        [
            Str("mpls_vc_name", 100),
            U32("mpls_vll_vc_id"),
            U32("mpls_vc_cos"),
        ]),

        // sFlow v5, extended_mpls_FTN.
        new(FlowRecordTags.ExtendedMplsFtn, "extended_mpls_FTN",
        [
            Str("mpls_ftn_descr", 100),
            U32("mpls_ftn_mask"),
        ]),

        // sFlow v5, extended_mpls_LDP_FEC.
        new(FlowRecordTags.ExtendedMplsLdpFec, "extended_mpls_LDP_FEC",
        [
            U32("mpls_fec_addr_prefix_len"),
        ]),

        // sFlow v5, extended_vlantunnel: the outer tags of a QinQ frame.
        new(FlowRecordTags.ExtendedVlanTunnel, "extended_vlantunnel",
        [
            U32List("vlan_tunnel", FieldDisplay.VlanTagStack),
        ]),

        // sFlow 802.11 structures, extended_80211_payload: cipher suite then a sampled header.
        new(FlowRecordTags.Extended80211Payload, "extended_80211_payload",
        [
            U32("cipher_suite"),
            U32("headerProtocol"),
            U32("sampledPacketSize"),
            U32("strippedBytes"),
            Opaque("headerBytes"),
        ]),

        // sFlow 802.11 structures, extended_80211_rx.
        new(FlowRecordTags.Extended80211Rx, "extended_80211_rx",
        [
            Str("rx_SSID", 256),
            Mac("rx_BSSID"),
            U32("rx_version"),
            U32("rx_channel"),
            U64("rx_speed"),
            U32("rx_rsni"),
            U32("rx_rcpi"),
            U32("rx_packet_uS"),
        ]),

        // sFlow 802.11 structures, extended_80211_tx.
        new(FlowRecordTags.Extended80211Tx, "extended_80211_tx",
        [
            Str("tx_SSID", 256),
            Mac("tx_BSSID"),
            U32("tx_version"),
            U32("tx_transmissions"),
            U32("tx_packet_uS"),
            U32("tx_retrans_uS"),
            U32("tx_channel"),
            U64("tx_speed"),
            U32("tx_power_mW"),
        ]),

        // sFlow NAT port extension, extended_nat_port.
        new(FlowRecordTags.ExtendedNatPort, "extended_nat_port",
        [
            U32("nat_src_port"),
            U32("nat_dst_port"),
        ]),

        // sFlow tunnel structures, extended_L2_tunnel_egress / _ingress: a sampled_ethernet of the outer frame.
        new(FlowRecordTags.ExtendedL2TunnelOut, "extended_L2_tunnel_egress", SampledEthernet()),
        new(FlowRecordTags.ExtendedL2TunnelIn, "extended_L2_tunnel_ingress", SampledEthernet()),

        // sFlow tunnel structures, extended_ipv4_tunnel_egress / _ingress: a sampled_ipv4 of the outer packet.
        new(FlowRecordTags.ExtendedIPv4TunnelOut, "extended_ipv4_tunnel_egress", SampledIPv4()),
        new(FlowRecordTags.ExtendedIPv4TunnelIn, "extended_ipv4_tunnel_ingress", SampledIPv4()),

        // sFlow tunnel structures, extended_ipv6_tunnel_egress / _ingress: a sampled_ipv6 of the outer packet.
        new(FlowRecordTags.ExtendedIPv6TunnelOut, "extended_ipv6_tunnel_egress", SampledIPv6()),
        new(FlowRecordTags.ExtendedIPv6TunnelIn, "extended_ipv6_tunnel_ingress", SampledIPv6()),

        // sFlow tunnel structures, extended_decapsulate_egress / _ingress.
        new(FlowRecordTags.ExtendedDecapOut, "extended_decapsulate_egress", [U32("out_decap_inner_header_offset")]),
        new(FlowRecordTags.ExtendedDecapIn, "extended_decapsulate_ingress", [U32("in_decap_inner_header_offset")]),

        // sFlow tunnel structures, extended_vni_egress / _ingress.
        new(FlowRecordTags.ExtendedVniOut, "extended_vni_egress", [U32("out_VNI")]),
        new(FlowRecordTags.ExtendedVniIn, "extended_vni_ingress", [U32("in_VNI")]),

        // sFlow drops extension (sflow_drops.txt), extended_egress_queue.
        new(FlowRecordTags.ExtendedEgressQueue, "extended_egress_queue", [U32("egress_queue_id")]),

        // sFlow drops extension, extended_function.
        new(FlowRecordTags.ExtendedFunction, "extended_function", [Str("symbol", 64)]),

        // sFlow transit delay extension, extended_transit.
        new(FlowRecordTags.ExtendedTransitDelay, "extended_transit", [U32("transit_delay_nS")]),

        // sFlow transit delay extension, extended_queue.
        new(FlowRecordTags.ExtendedQueueDepth, "extended_queue", [U32("queue_depth_bytes")]),

        // sFlow drops extension, extended_hw_trap.
        new(FlowRecordTags.ExtendedHardwareTrap, "extended_hw_trap",
        [
            Str("hw_trap_group", 64),
            Str("hw_trap_name", 64),
        ]),

        // sFlow drops extension, extended_linux_drop_reason.
        new(FlowRecordTags.ExtendedLinuxDropReason, "extended_linux_drop_reason", [Str("linux_drop_reason", 64)]),

        // Host sFlow, extended_timestamp.
        new(FlowRecordTags.ExtendedTimestamp, "extended_timestamp", [U64("timestamp_nS")]),

        // Host sFlow, extended_socket_ipv4.
        new(FlowRecordTags.ExtendedSocketIPv4, "extended_socket_ipv4", Socket("socket4_", ipv6: false)),

        // Host sFlow, extended_socket_ipv6.
        new(FlowRecordTags.ExtendedSocketIPv6, "extended_socket_ipv6", Socket("socket6_", ipv6: true)),

        // Host sFlow, extended_proxy_socket_ipv4.
        new(FlowRecordTags.ExtendedProxySocketIPv4, "extended_proxy_socket_ipv4", Socket("proxy_socket4_", ipv6: false)),

        // Host sFlow, extended_proxy_socket_ipv6.
        new(FlowRecordTags.ExtendedProxySocketIPv6, "extended_proxy_socket_ipv6", Socket("proxy_socket6_", ipv6: true)),

        // sFlow memcache structures, memcache_operation.
        new(FlowRecordTags.MemcacheOperation, "memcache_operation",
        [
            U32("memcache_op_protocol"),
            U32("memcache_op_cmd"),
            Str("memcache_op_key", 255, FieldDisplay.UrlEncoded),
            U32("memcache_op_nkeys"),
            U32("memcache_op_value_bytes"),
            U32("memcache_op_duration_uS"),
            U32("memcache_op_status"),
        ]),

        // sFlow HTTP structures, http_request (format 2201, superseded by 2206).
        new(FlowRecordTags.HttpRequestDeprecated, "http_request_deprecated",
        [
            U32("http_method"),
            U32("http_protocol"),
            Str("http_uri", 255),
            Str("http_host", 64),
            Str("http_referrer", 255),
            Str("http_useragent", 128),
            Str("http_authuser", 32),
            Str("http_mimetype", 64),
            U64("http_bytes"),
            U32("http_duration_uS"),
            U32("http_status"),
        ]),

        // sFlow application structures, app_operation.
        new(FlowRecordTags.AppOperation, "app_operation",
        [
            Str("application", 32),
            Str("operation", 32),
            Str("attributes", 255),
            Str("status_descr", 32),
            U64("request_bytes"),
            U64("response_bytes"),
            U32("duration_uS"),
            U32("status", FieldDisplay.AppStatus),
        ]),

        // sFlow application structures, app_parent_context.
        new(FlowRecordTags.AppParentContext, "app_parent_context",
        [
            Str("server_context_application", 32),
            Str("server_context_operation", 32),
            Str("server_context_attributes", 255),
        ]),

        // sFlow application structures, app_initiator.
        new(FlowRecordTags.AppInitiator, "app_initiator", [Str("actor_initiator", 64)]),

        // sFlow application structures, app_target.
        new(FlowRecordTags.AppTarget, "app_target", [Str("actor_target", 64)]),

        // sFlow HTTP structures, http_request (format 2206: adds X-Forwarded-For and request bytes).
        new(FlowRecordTags.HttpRequest, "http_request",
        [
            U32("http_method"),
            U32("http_protocol"),
            Str("http_uri", 255),
            Str("http_host", 64),
            Str("http_referrer", 255),
            Str("http_useragent", 128),
            Str("http_xff", 64),
            Str("http_authuser", 32),
            Str("http_mimetype", 64),
            U64("http_request_bytes"),
            U64("http_bytes"),
            U32("http_duration_uS"),
            U32("http_status"),
        ]),

        // Host sFlow, extended_tcp_info.
        new(FlowRecordTags.ExtendedTcpInfo, "extended_tcp_info",
        [
            U32("tcpinfo_direction", FieldDisplay.PacketDirection),
            U32("tcpinfo_send_mss"),
            U32("tcpinfo_receive_mss"),
            U32("tcpinfo_unacked_pkts"),
            U32("tcpinfo_lost_pkts"),
            U32("tcpinfo_retrans_pkts"),
            U32("tcpinfo_path_mtu"),
            U32("tcpinfo_rtt_uS"),
            U32("tcpinfo_rtt_uS_var"),
            U32("tcpinfo_send_congestion_win"),
            U32("tcpinfo_reordering"),
            U32("tcpinfo_rtt_uS_min"),
        ]),

        // Host sFlow, extended_entities.
        new(FlowRecordTags.ExtendedEntities, "extended_entities",
        [
            U32("entities_src_class"),
            U32("entities_src_index"),
            U32("entities_dst_class"),
            U32("entities_dst_index"),
        ]),
    ];

    // sFlow v5, sampled_ethernet (also the body of the L2 tunnel records).
    private static FieldSpec[] SampledEthernet() =>
    [
        U32("ethernet_len"),
        Mac("ethernet_src"),
        Mac("ethernet_dst"),
        U32("ethernet_type"),
    ];

    // sFlow v5, sampled_ipv4 (also the body of the IPv4 tunnel records).
    private static FieldSpec[] SampledIPv4() =>
    [
        U32("sampledPacketSize"),
        U32("IPProtocol"),
        IPv4("srcIP"),
        IPv4("dstIP"),
        U32("src_port"),
        U32("dst_port"),
        U32("TCPFlags"),
        U32("IPTOS"),
    ];

    // sFlow v5, sampled_ipv6 (also the body of the IPv6 tunnel records).
    private static FieldSpec[] SampledIPv6() =>
    [
        U32("sampledPacketSize"),
        U32("IPProtocol"),
        IPv6("srcIP6"),
        IPv6("dstIP6"),
        U32("src_port"),
        U32("dst_port"),
        U32("TCPFlags"),
        U32("priority"),
    ];

    // Host sFlow, extended_socket_ipv4/6 and extended_proxy_socket_ipv4/6 share one shape.
    private static FieldSpec[] Socket(string prefix, bool ipv6) =>
    [
        U32(prefix + "ip_protocol"),
        ipv6 ? IPv6(prefix + "local_ip") : IPv4(prefix + "local_ip"),
        ipv6 ? IPv6(prefix + "remote_ip") : IPv4(prefix + "remote_ip"),
        U32(prefix + "local_port"),
        U32(prefix + "remote_port"),
    ];
}
