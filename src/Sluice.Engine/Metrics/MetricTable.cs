using Sluice.Sflow.Datagrams;
using static Sluice.Engine.Metrics.MetricFields;

namespace Sluice.Engine.Metrics;

/// <summary>
/// THE mapping from sFlow counter record fields to sFlow-RT metric names, in one place. Each record lists
/// its fields in XDR order (the layouts of <c>Sluice.Sflow.Records.CounterRecordLayouts</c>; the comment
/// on a line gives sflowtool's field name where the metric name differs a lot), then its derived metrics.
/// Interface names follow sFlow-RT's metrics.php; host names follow sFlow-RT/Ganglia (sflow-rt-api.md §4.2).
/// Names that no public source shows are our choice and follow the same style: lower case, a record
/// prefix (eth_, agg_, opt_, vir_, bcm_, ...), no dots (a dot separates the data source in queries).
/// </summary>
/// <remarks>
/// Kinds: Counter fields publish delta/elapsed seconds × scale; Gauge fields publish value × scale; all-ones
/// (0xFFFFFFFF, or 2^64−1 for 64-bit fields) means "unknown" in sFlow and publishes nothing.
/// </remarks>
internal static class MetricTable
{
    /// <summary>CPU time counters of host_cpu that add up to the whole (guest time is already inside user time on Linux).</summary>
    private static readonly string[] CpuWhole = [".user", ".nice", ".system", ".idle", ".wio", ".intr", ".sintr", ".steal"];

    public static readonly RecordMap[] Records =
    [
        // sFlow v5 if_counters; metrics.php.
        new(CounterRecordTags.Generic, "if_counters",
            Text32("ifindex", TextFormat.Decimal),
            Text32("iftype", TextFormat.IfType), // networkType (IANAifType)
            Gauge64("ifspeed"),
            Text32("ifdirection", TextFormat.IfDirection),
            Gauge32(".ifstatus"), // bit 0 admin up, bit 1 oper up
            Counter64("ifinoctets"),
            Counter32("ifinucastpkts"),
            Counter32("ifinmulticastpkts"),
            Counter32("ifinbroadcastpkts"),
            Counter32("ifindiscards"),
            Counter32("ifinerrors"),
            Counter32("ifinunknownprotos"),
            Counter64("ifoutoctets"),
            Counter32("ifoutucastpkts"),
            Counter32("ifoutmulticastpkts"),
            Counter32("ifoutbroadcastpkts"),
            Counter32("ifoutdiscards"),
            Counter32("ifouterrors"),
            Gauge32("ifpromiscuousmode"),
            StatusBit("ifadminstatus", ".ifstatus", 1),
            StatusBit("ifoperstatus", ".ifstatus", 2),
            Sum("ifinpkts", "ifinucastpkts", "ifinmulticastpkts", "ifinbroadcastpkts"),
            Sum("ifoutpkts", "ifoutucastpkts", "ifoutmulticastpkts", "ifoutbroadcastpkts"),
            Ratio("ifinutilization", "ifinoctets", "ifspeed", 800), // bytes/s × 8 bits × 100 % / bits/s
            Ratio("ifoututilization", "ifoutoctets", "ifspeed", 800)),

        // sFlow v5 ethernet_counters (dot3Stats); metrics.php.
        new(CounterRecordTags.Ethernet, "ethernet_counters",
            Counter32("eth_alignmenterrors"),
            Counter32("eth_fcserrors"),
            Counter32("eth_singlecollisions"),
            Counter32("eth_multiplecollisions"),
            Counter32("eth_sqetesterrors"),
            Counter32("eth_deferredtx"),
            Counter32("eth_latecollision"),
            Counter32("eth_excessivecollisions"),
            Counter32("eth_internalmactxerrors"),
            Counter32("eth_carriersenseerrors"),
            Counter32("eth_frametoolongs"),
            Counter32("eth_internalmacrxerrors"),
            Counter32("eth_symbolerrors")),

        // sFlow v5 vlan_counters.
        new(CounterRecordTags.Vlan, "vlan_counters",
            Text32("vlan", TextFormat.Decimal),
            Counter64("vlan_octets"),
            Counter32("vlan_ucastpkts"),
            Counter32("vlan_multicastpkts"),
            Counter32("vlan_broadcastpkts"),
            Counter32("vlan_discards")),

        // sFlow LAG counters, lag_port_stats. MACs are 6 bytes padded to 8.
        new(CounterRecordTags.Lacp, "lag_port_stats",
            Mac("agg_actorsystemid"),
            Mac("agg_partneropersystemid"),
            Text32("agg_attachedaggid", TextFormat.Decimal),
            Gauge32(".portstate"),
            Counter32("agg_lacpdusrx"),
            Counter32("agg_markerpdusrx"),
            Counter32("agg_markerresponsepdusrx"),
            Counter32("agg_unknownrx"),
            Counter32("agg_illegalrx"),
            Counter32("agg_lacpdustx"),
            Counter32("agg_markerpdustx"),
            Counter32("agg_markerresponsepdustx")),

        // sFlow optical interface structures, sfp: the module part (per-lane values are not published).
        new(CounterRecordTags.Sfp, "sfp",
            Gauge32("opt_module_id"),
            Gauge32("opt_module_lanes"), // sfp_module_total_lanes
            Gauge32("opt_module_supply_voltage", 0.001), // mV → V
            GaugeSigned32("opt_module_temperature", 0.001)), // m°C → °C

        // sFlow PFC counters.
        new(CounterRecordTags.Pfc, "pfc_counters",
            Counter32("pfc_requests"),
            Counter32("pfc_indications"),
            Counter32("pfc_pause_duration"),
            Counter32("pfc_storm_detected"),
            Counter32("pfc_storm_restored")),

        // sFlow v5 processor; percentages are in hundredths. cpu_5sec is read by sflow-test.
        new(CounterRecordTags.Processor, "processor",
            Gauge32("cpu_5sec", 0.01),
            Gauge32("cpu_1min", 0.01),
            Gauge32("cpu_5min", 0.01),
            Gauge64("processor_mem_total"), // not mem_total: that name belongs to host_memory
            Gauge64("processor_mem_free"),
            UsedPercent("processor_mem_utilization", "processor_mem_total", "processor_mem_free")),

        // sFlow 802.11 structures, radio_utilization (times in ms).
        new(CounterRecordTags.Radio, "radio_utilization",
            Counter32(".elapsed"),
            Counter32(".onchannel"),
            Counter32(".busy"),
            Share("radio_utilization", ".busy", ".onchannel")),

        // sFlow OpenFlow structures, of_port.
        new(CounterRecordTags.OpenFlowPort, "of_port",
            Text64("of_dpid", TextFormat.Hex64),
            Text32("of_port", TextFormat.Decimal)),

        // sFlow port name structure, port_name.
        new(CounterRecordTags.PortName, "port_name",
            Utf8("ifname")),

        // Host sFlow host_descr on a physical host (2.1).
        new(CounterRecordTags.HostDescription, "host_descr",
            Utf8("host_name"),
            Uuid("uuid"),
            Text32("machine_type", TextFormat.MachineType),
            Text32("os_name", TextFormat.OsName),
            Utf8("os_release")),

        // The same record on a virtual machine or container (3.N): sFlow-RT's vir_host_name and friends.
        new(CounterRecordTags.HostDescription, "virt_descr",
            Utf8("vir_host_name"),
            Uuid("vir_uuid"),
            Text32("vir_machine_type", TextFormat.MachineType),
            Text32("vir_os_name", TextFormat.OsName),
            Utf8("vir_os_release"))
        { SourceClass = 3 },

        // Host sFlow host_cpu: CPU times are ms counters, published (like Ganglia) as % of all CPU time.
        new(CounterRecordTags.HostCpu, "host_cpu",
            Real("load_one"),
            Real("load_five"),
            Real("load_fifteen"),
            Gauge32("proc_run"),
            Gauge32("proc_total"),
            Gauge32("cpu_num"),
            Gauge32("cpu_speed"), // MHz
            Gauge32("uptime"), // seconds
            Counter32(".user"),
            Counter32(".nice"),
            Counter32(".system"),
            Counter32(".idle"),
            Counter32(".wio"),
            Counter32(".intr"),
            Counter32(".sintr"),
            Counter32("cpu_interrupts"),
            Counter32("cpu_contexts"),
            Counter32(".steal"), // cpu_steal, cpu_guest and cpu_guest_nice: only in records longer than 68 bytes
            Counter32(".guest"),
            Counter32(".guest_nice"),
            Share("cpu_user", ".user", CpuWhole),
            Share("cpu_nice", ".nice", CpuWhole),
            Share("cpu_system", ".system", CpuWhole),
            Share("cpu_idle", ".idle", CpuWhole),
            Share("cpu_wio", ".wio", CpuWhole),
            Share("cpu_intr", ".intr", CpuWhole),
            Share("cpu_sintr", ".sintr", CpuWhole),
            Share("cpu_steal", ".steal", CpuWhole),
            Share("cpu_guest", ".guest", CpuWhole),
            Share("cpu_guest_nice", ".guest_nice", CpuWhole),
            Complement("cpu_utilization", "cpu_idle", 100),
            Ratio("load_one_per_cpu", "load_one", "cpu_num", 1),
            Ratio("load_five_per_cpu", "load_five", "cpu_num", 1),
            Ratio("load_fifteen_per_cpu", "load_fifteen", "cpu_num", 1)),

        // Host sFlow host_memory (bytes; paging counters in pages).
        new(CounterRecordTags.HostMemory, "host_memory",
            Gauge64("mem_total"),
            Gauge64("mem_free"),
            Gauge64("mem_shared"),
            Gauge64("mem_buffers"),
            Gauge64("mem_cached"),
            Gauge64("swap_total"),
            Gauge64("swap_free"),
            Counter32("page_in"),
            Counter32("page_out"),
            Counter32("swap_in"),
            Counter32("swap_out"),
            UsedPercent("mem_utilization", "mem_total", "mem_free", "mem_buffers", "mem_cached"),
            UsedPercent("swap_utilization", "swap_total", "swap_free")),

        // Host sFlow host_disk_io.
        new(CounterRecordTags.HostDiskIo, "host_disk_io",
            Gauge64("disk_total"),
            Gauge64("disk_free"),
            Gauge32("part_max_used", 0.01), // disk_partition_max_used, hundredths of a percent
            Counter32("reads"),
            Counter64("bytes_read"),
            Counter32("read_time"), // ms per second
            Counter32("writes"),
            Counter64("bytes_written"),
            Counter32("write_time"),
            UsedPercent("disk_utilization", "disk_total", "disk_free")),

        // Host sFlow host_net_io.
        new(CounterRecordTags.HostNetIo, "host_net_io",
            Counter64("bytes_in"),
            Counter32("pkts_in"),
            Counter32("errs_in"),
            Counter32("drops_in"),
            Counter64("bytes_out"),
            Counter32("pkts_out"),
            Counter32("errs_out"),
            Counter32("drops_out")),

        // Host sFlow mib2_ip_group (RFC 4293 names, lower case).
        new(CounterRecordTags.HostIp, "mib2_ip_group",
            Gauge32("ip_forwarding"),
            Gauge32("ip_defaultttl"),
            Counter32("ip_inreceives"),
            Counter32("ip_inhdrerrors"),
            Counter32("ip_inaddrerrors"),
            Counter32("ip_forwdatagrams"),
            Counter32("ip_inunknownprotos"),
            Counter32("ip_indiscards"),
            Counter32("ip_indelivers"),
            Counter32("ip_outrequests"),
            Counter32("ip_outdiscards"),
            Counter32("ip_outnoroutes"),
            Gauge32("ip_reasmtimeout"),
            Counter32("ip_reasmreqds"),
            Counter32("ip_reasmoks"),
            Counter32("ip_reasmfails"),
            Counter32("ip_fragoks"),
            Counter32("ip_fragfails"),
            Counter32("ip_fragcreates")),

        // Host sFlow mib2_icmp_group.
        new(CounterRecordTags.HostIcmp, "mib2_icmp_group",
            Counter32("icmp_inmsgs"),
            Counter32("icmp_inerrors"),
            Counter32("icmp_indestunreachs"),
            Counter32("icmp_intimeexcds"),
            Counter32("icmp_inparamprobs"),
            Counter32("icmp_insrcquenchs"),
            Counter32("icmp_inredirects"),
            Counter32("icmp_inechos"),
            Counter32("icmp_inechoreps"),
            Counter32("icmp_intimestamps"),
            Counter32("icmp_inaddrmasks"),
            Counter32("icmp_inaddrmaskreps"),
            Counter32("icmp_outmsgs"),
            Counter32("icmp_outerrors"),
            Counter32("icmp_outdestunreachs"),
            Counter32("icmp_outtimeexcds"),
            Counter32("icmp_outparamprobs"),
            Counter32("icmp_outsrcquenchs"),
            Counter32("icmp_outredirects"),
            Counter32("icmp_outechos"),
            Counter32("icmp_outechoreps"),
            Counter32("icmp_outtimestamps"),
            Counter32("icmp_outtimestampreps"),
            Counter32("icmp_outaddrmasks"),
            Counter32("icmp_outaddrmaskreps")),

        // Host sFlow mib2_tcp_group (tcpMaxConn −1 = dynamic is all-ones, so it publishes nothing).
        new(CounterRecordTags.HostTcp, "mib2_tcp_group",
            Gauge32("tcp_rtoalgorithm"),
            Gauge32("tcp_rtomin"),
            Gauge32("tcp_rtomax"),
            Gauge32("tcp_maxconn"),
            Counter32("tcp_activeopens"),
            Counter32("tcp_passiveopens"),
            Counter32("tcp_attemptfails"),
            Counter32("tcp_estabresets"),
            Gauge32("tcp_currestab"),
            Counter32("tcp_insegs"),
            Counter32("tcp_outsegs"),
            Counter32("tcp_retranssegs"),
            Counter32("tcp_inerrs"),
            Counter32("tcp_outrsts"),
            Counter32("tcp_incsumerrors")),

        // Host sFlow mib2_udp_group.
        new(CounterRecordTags.HostUdp, "mib2_udp_group",
            Counter32("udp_indatagrams"),
            Counter32("udp_noports"),
            Counter32("udp_inerrors"),
            Counter32("udp_outdatagrams"),
            Counter32("udp_rcvbuferrors"),
            Counter32("udp_sndbuferrors"),
            Counter32("udp_incsumerrors")),

        // Host sFlow virt_node (the hypervisor, on 2.1).
        new(CounterRecordTags.VirtualNode, "virt_node",
            Gauge32("vnode_cpu_mhz"),
            Gauge32("vnode_cpus"),
            Gauge64("vnode_memory"),
            Gauge64("vnode_memory_free"),
            Gauge32("vnode_domains"),
            UsedPercent("vnode_mem_utilization", "vnode_memory", "vnode_memory_free")),

        // Host sFlow virt_cpu: CPU time in ms, so ms/s × 0.1 = percent of one CPU.
        new(CounterRecordTags.VirtualCpu, "virt_cpu",
            Text32("vir_cpu_state", TextFormat.VirtualState),
            Counter32("vir_cpu_utilization", 0.1),
            Gauge32("vir_cpu_count")),

        // Host sFlow virt_memory.
        new(CounterRecordTags.VirtualMemory, "virt_memory",
            Gauge64("vir_memory"),
            Gauge64("vir_max_memory"),
            Ratio("vir_mem_utilization", "vir_memory", "vir_max_memory", 100)),

        // Host sFlow virt_disk_io.
        new(CounterRecordTags.VirtualDiskIo, "virt_disk_io",
            Gauge64("vir_disk_capacity"),
            Gauge64("vir_disk_allocation"),
            Gauge64("vir_disk_available"),
            Counter32("vir_disk_reads"),
            Counter64("vir_disk_bytes_read"),
            Counter32("vir_disk_writes"),
            Counter64("vir_disk_bytes_written"),
            Counter32("vir_disk_errs")),

        // Host sFlow virt_net_io.
        new(CounterRecordTags.VirtualNetIo, "virt_net_io",
            Counter64("vir_bytes_in"),
            Counter32("vir_pkts_in"),
            Counter32("vir_errs_in"),
            Counter32("vir_drops_in"),
            Counter64("vir_bytes_out"),
            Counter32("vir_pkts_out"),
            Counter32("vir_errs_out"),
            Counter32("vir_drops_out")),

        // sFlow Java structures, jvm_runtime.
        new(CounterRecordTags.JvmRuntime, "jvm_runtime",
            Utf8("jvm_name"),
            Utf8("jvm_vendor"),
            Utf8("jvm_version")),

        // sFlow Java structures, jvm_statistics (fds_open and fds_max only in records longer than 100 bytes).
        new(CounterRecordTags.JvmStatistics, "jvm_statistics",
            Gauge64("jvm_heap_initial"),
            Gauge64("jvm_heap_used"),
            Gauge64("jvm_heap_committed"),
            Gauge64("jvm_heap_max"),
            Gauge64("jvm_non_heap_initial"),
            Gauge64("jvm_non_heap_used"),
            Gauge64("jvm_non_heap_committed"),
            Gauge64("jvm_non_heap_max"),
            Counter32("jvm_gc_count"),
            Counter32("jvm_gc_ms"),
            Gauge32("jvm_classes_loaded"),
            Counter32("jvm_classes_total"),
            Counter32("jvm_classes_unloaded"),
            Counter32("jvm_compilation_ms"),
            Gauge32("jvm_threads_live"),
            Gauge32("jvm_threads_daemon"),
            Counter32("jvm_threads_started"),
            Gauge32("jvm_fds_open"),
            Gauge32("jvm_fds_max")),

        // sFlow HTTP structures, http_counters.
        new(CounterRecordTags.Http, "http_counters",
            Counter32("http_method_option"),
            Counter32("http_method_get"),
            Counter32("http_method_head"),
            Counter32("http_method_post"),
            Counter32("http_method_put"),
            Counter32("http_method_delete"),
            Counter32("http_method_trace"),
            Counter32("http_method_connect"),
            Counter32("http_method_other"),
            Counter32("http_status_1xx"),
            Counter32("http_status_2xx"),
            Counter32("http_status_3xx"),
            Counter32("http_status_4xx"),
            Counter32("http_status_5xx"),
            Counter32("http_status_other")),

        // sFlow application structures, app_operations.
        new(CounterRecordTags.AppOperations, "app_operations",
            Utf8("application"),
            Counter32("app_status_ok"),
            Counter32("app_errors_other"),
            Counter32("app_errors_timeout"),
            Counter32("app_errors_internal_error"),
            Counter32("app_errors_bad_request"),
            Counter32("app_errors_forbidden"),
            Counter32("app_errors_too_large"),
            Counter32("app_errors_not_implemented"),
            Counter32("app_errors_not_found"),
            Counter32("app_errors_unavailable"),
            Counter32("app_errors_unauthorized")),

        // sFlow application structures, app_resources (times in ms).
        new(CounterRecordTags.AppResources, "app_resources",
            Counter32("app_user_time"),
            Counter32("app_system_time"),
            Gauge64("app_mem_used"),
            Gauge64("app_mem_max"),
            Gauge32("app_files_open"),
            Gauge32("app_files_max"),
            Gauge32("app_conns_open"),
            Gauge32("app_conns_max")),

        // sFlow memcache structures, memcache_counters (format 2204).
        new(CounterRecordTags.Memcache, "memcache_counters",
            Counter32("memcache_cmd_set"),
            Counter32("memcache_cmd_touch"),
            Counter32("memcache_cmd_flush"),
            Counter32("memcache_get_hits"),
            Counter32("memcache_get_misses"),
            Counter32("memcache_delete_hits"),
            Counter32("memcache_delete_misses"),
            Counter32("memcache_incr_hits"),
            Counter32("memcache_incr_misses"),
            Counter32("memcache_decr_hits"),
            Counter32("memcache_decr_misses"),
            Counter32("memcache_cas_hits"),
            Counter32("memcache_cas_misses"),
            Counter32("memcache_cas_badval"),
            Counter32("memcache_auth_cmds"),
            Counter32("memcache_auth_errors"),
            Gauge32("memcache_threads"),
            Counter32("memcache_conn_yields"),
            Counter32("memcache_listen_disabled_num"),
            Gauge32("memcache_curr_connections"),
            Counter32("memcache_rejected_connections"),
            Counter32("memcache_total_connections"),
            Gauge32("memcache_connection_structures"),
            Counter32("memcache_evictions"),
            Counter32("memcache_reclaimed"),
            Gauge32("memcache_curr_items"),
            Counter32("memcache_total_items"),
            Counter64("memcache_bytes_read"),
            Counter64("memcache_bytes_written"),
            Gauge64("memcache_bytes"),
            Gauge64("memcache_limit_maxbytes")),

        // sFlow application structures, app_workers.
        new(CounterRecordTags.AppWorkers, "app_workers",
            Gauge32("app_workers_active"),
            Gauge32("app_workers_idle"),
            Gauge32("app_workers_max"),
            Counter32("app_req_delayed"),
            Counter32("app_req_dropped"),
            Ratio("app_workers_utilization", "app_workers_active", "app_workers_max", 100)),

        // Open vSwitch ovs_dp_stats.
        new(CounterRecordTags.OvsDatapath, "ovs_dp_stats",
            Counter32("ovs_dp_hits"),
            Counter32("ovs_dp_misses"),
            Counter32("ovs_dp_lost"),
            Counter32("ovs_dp_mask_hits"),
            Gauge32("ovs_dp_flows"),
            Gauge32("ovs_dp_masks")),

        // Broadcom switch ASIC tables (4413:3). The *_utilization names are the ones InMon's apps read.
        new(CounterRecordTags.BroadcomTables, "bcm_tables",
            Gauge32("bcm_host_entries"), // bcm_asic_host_entries
            Gauge32("bcm_host_entries_max"),
            Gauge32("bcm_ipv4_entries"),
            Gauge32("bcm_ipv4_entries_max"),
            Gauge32("bcm_ipv6_entries"),
            Gauge32("bcm_ipv6_entries_max"),
            Gauge32("bcm_ipv4_ipv6_entries"),
            Gauge32("bcm_ipv4_ipv6_entries_max"),
            Gauge32("bcm_long_ipv6_entries"),
            Gauge32("bcm_long_ipv6_entries_max"),
            Gauge32("bcm_total_routes"),
            Gauge32("bcm_total_routes_max"),
            Gauge32("bcm_ecmp_nexthops"),
            Gauge32("bcm_ecmp_nexthops_max"),
            Gauge32("bcm_mac_entries"),
            Gauge32("bcm_mac_entries_max"),
            Gauge32("bcm_ipv4_neighbors"),
            Gauge32("bcm_ipv6_neighbors"),
            Gauge32("bcm_ipv4_routes"),
            Gauge32("bcm_ipv6_routes"),
            Gauge32("bcm_acl_ingress_entries"),
            Gauge32("bcm_acl_ingress_entries_max"),
            Gauge32("bcm_acl_ingress_counters"),
            Gauge32("bcm_acl_ingress_counters_max"),
            Gauge32("bcm_acl_ingress_meters"),
            Gauge32("bcm_acl_ingress_meters_max"),
            Gauge32("bcm_acl_ingress_slices"),
            Gauge32("bcm_acl_ingress_slices_max"),
            Gauge32("bcm_acl_egress_entries"),
            Gauge32("bcm_acl_egress_entries_max"),
            Gauge32("bcm_acl_egress_counters"),
            Gauge32("bcm_acl_egress_counters_max"),
            Gauge32("bcm_acl_egress_meters"),
            Gauge32("bcm_acl_egress_meters_max"),
            Gauge32("bcm_acl_egress_slices"),
            Gauge32("bcm_acl_egress_slices_max"),
            Ratio("bcm_host_utilization", "bcm_host_entries", "bcm_host_entries_max", 100),
            Ratio("bcm_ipv4_utilization", "bcm_ipv4_entries", "bcm_ipv4_entries_max", 100),
            Ratio("bcm_ipv6_utilization", "bcm_ipv6_entries", "bcm_ipv6_entries_max", 100),
            Ratio("bcm_ipv4_ipv6_utilization", "bcm_ipv4_ipv6_entries", "bcm_ipv4_ipv6_entries_max", 100),
            Ratio("bcm_long_ipv6_utilization", "bcm_long_ipv6_entries", "bcm_long_ipv6_entries_max", 100),

            // InMon's apps read this misspelling, so the engine they were written against emits it: publish both.
            Ratio("bcm_long_ipv6_utilizaton", "bcm_long_ipv6_entries", "bcm_long_ipv6_entries_max", 100),
            Ratio("bcm_total_routes_utilization", "bcm_total_routes", "bcm_total_routes_max", 100),
            Ratio("bcm_ecmp_nexthops_utilization", "bcm_ecmp_nexthops", "bcm_ecmp_nexthops_max", 100),
            Ratio("bcm_mac_utilization", "bcm_mac_entries", "bcm_mac_entries_max", 100),
            Ratio("bcm_acl_ingress_utilization", "bcm_acl_ingress_entries", "bcm_acl_ingress_entries_max", 100),
            Ratio("bcm_acl_ingress_counters_utilization", "bcm_acl_ingress_counters", "bcm_acl_ingress_counters_max", 100),
            Ratio("bcm_acl_ingress_meters_utilization", "bcm_acl_ingress_meters", "bcm_acl_ingress_meters_max", 100),
            Ratio("bcm_acl_ingress_slices_utilization", "bcm_acl_ingress_slices", "bcm_acl_ingress_slices_max", 100),
            Ratio("bcm_acl_egress_utilization", "bcm_acl_egress_entries", "bcm_acl_egress_entries_max", 100),
            Ratio("bcm_acl_egress_counters_utilization", "bcm_acl_egress_counters", "bcm_acl_egress_counters_max", 100),
            Ratio("bcm_acl_egress_meters_utilization", "bcm_acl_egress_meters", "bcm_acl_egress_meters_max", 100),
            Ratio("bcm_acl_egress_slices_utilization", "bcm_acl_egress_slices", "bcm_acl_egress_slices_max", 100)),

        // NVIDIA GPU statistics from NVML (5703:1). GPU and memory-controller busy times are ms summed over devices.
        new(CounterRecordTags.NvidiaGpu, "nvml_gpu",
            Gauge32("nvml_device_count"),
            Gauge32("nvml_processes"),
            Counter32(".gpu_time", 0.1), // ms/s × 0.1 = percent of one device
            Counter32(".mem_time", 0.1),
            Gauge64("nvml_mem_total"),
            Gauge64("nvml_mem_free"),
            Counter32("nvml_ecc_errors"),
            Counter32("nvml_power", 0.001), // mJ/s → W
            Gauge32("nvml_temperature"), // °C
            Gauge32("nvml_fan_speed"), // percent
            Ratio("nvml_gpu_utilization", ".gpu_time", "nvml_device_count", 1),
            Ratio("nvml_mem_utilization", ".mem_time", "nvml_device_count", 1)),
    ];
}
