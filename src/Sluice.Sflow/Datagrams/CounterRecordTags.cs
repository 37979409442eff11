namespace Sluice.Sflow.Datagrams;

/// <summary>Counter record formats ("counter_data" tags), with the document that defines each.</summary>
public static class CounterRecordTags
{
    /// <summary>sFlow v5, if_counters (generic interface).</summary>
    public static readonly SflowTag Generic = new(0, 1);

    /// <summary>sFlow v5, ethernet_counters.</summary>
    public static readonly SflowTag Ethernet = new(0, 2);

    /// <summary>sFlow v5, tokenring_counters.</summary>
    public static readonly SflowTag TokenRing = new(0, 3);

    /// <summary>sFlow v5, vg_counters (100BaseVG).</summary>
    public static readonly SflowTag Vg = new(0, 4);

    /// <summary>sFlow v5, vlan_counters.</summary>
    public static readonly SflowTag Vlan = new(0, 5);

    /// <summary>sFlow 802.11 structures, ieee80211_counters.</summary>
    public static readonly SflowTag Ieee80211 = new(0, 6);

    /// <summary>sFlow LAG counters, lag_port_stats.</summary>
    public static readonly SflowTag Lacp = new(0, 7);

    /// <summary>sFlow optical interface structures, sfp.</summary>
    public static readonly SflowTag Sfp = new(0, 10);

    /// <summary>sFlow PFC counters.</summary>
    public static readonly SflowTag Pfc = new(0, 11);

    /// <summary>sFlow v5, processor.</summary>
    public static readonly SflowTag Processor = new(0, 1001);

    /// <summary>sFlow 802.11 structures, radio_utilization.</summary>
    public static readonly SflowTag Radio = new(0, 1002);

    /// <summary>sFlow OpenFlow structures, of_port.</summary>
    public static readonly SflowTag OpenFlowPort = new(0, 1004);

    /// <summary>sFlow port name, port_name.</summary>
    public static readonly SflowTag PortName = new(0, 1005);

    /// <summary>Host sFlow, host_descr.</summary>
    public static readonly SflowTag HostDescription = new(0, 2000);

    /// <summary>Host sFlow, host_adapters.</summary>
    public static readonly SflowTag HostAdapters = new(0, 2001);

    /// <summary>Host sFlow, host_parent.</summary>
    public static readonly SflowTag HostParent = new(0, 2002);

    /// <summary>Host sFlow, host_cpu.</summary>
    public static readonly SflowTag HostCpu = new(0, 2003);

    /// <summary>Host sFlow, host_memory.</summary>
    public static readonly SflowTag HostMemory = new(0, 2004);

    /// <summary>Host sFlow, host_disk_io.</summary>
    public static readonly SflowTag HostDiskIo = new(0, 2005);

    /// <summary>Host sFlow, host_net_io.</summary>
    public static readonly SflowTag HostNetIo = new(0, 2006);

    /// <summary>Host sFlow, mib2_ip_group.</summary>
    public static readonly SflowTag HostIp = new(0, 2007);

    /// <summary>Host sFlow, mib2_icmp_group.</summary>
    public static readonly SflowTag HostIcmp = new(0, 2008);

    /// <summary>Host sFlow, mib2_tcp_group.</summary>
    public static readonly SflowTag HostTcp = new(0, 2009);

    /// <summary>Host sFlow, mib2_udp_group.</summary>
    public static readonly SflowTag HostUdp = new(0, 2010);

    /// <summary>Host sFlow, virt_node.</summary>
    public static readonly SflowTag VirtualNode = new(0, 2100);

    /// <summary>Host sFlow, virt_cpu.</summary>
    public static readonly SflowTag VirtualCpu = new(0, 2101);

    /// <summary>Host sFlow, virt_memory.</summary>
    public static readonly SflowTag VirtualMemory = new(0, 2102);

    /// <summary>Host sFlow, virt_disk_io.</summary>
    public static readonly SflowTag VirtualDiskIo = new(0, 2103);

    /// <summary>Host sFlow, virt_net_io.</summary>
    public static readonly SflowTag VirtualNetIo = new(0, 2104);

    /// <summary>sFlow Java structures, jvm_runtime.</summary>
    public static readonly SflowTag JvmRuntime = new(0, 2105);

    /// <summary>sFlow Java structures, jvm_statistics (JMX).</summary>
    public static readonly SflowTag JvmStatistics = new(0, 2106);

    /// <summary>sFlow memcache structures, memcache_counters (deprecated layout).</summary>
    public static readonly SflowTag MemcacheDeprecated = new(0, 2200);

    /// <summary>sFlow HTTP structures, http_counters.</summary>
    public static readonly SflowTag Http = new(0, 2201);

    /// <summary>sFlow application structures, app_operations.</summary>
    public static readonly SflowTag AppOperations = new(0, 2202);

    /// <summary>sFlow application structures, app_resources.</summary>
    public static readonly SflowTag AppResources = new(0, 2203);

    /// <summary>sFlow memcache structures, memcache_counters.</summary>
    public static readonly SflowTag Memcache = new(0, 2204);

    /// <summary>Host sFlow, VDI counters.</summary>
    public static readonly SflowTag Vdi = new(0, 2205);

    /// <summary>sFlow application structures, app_workers.</summary>
    public static readonly SflowTag AppWorkers = new(0, 2206);

    /// <summary>Open vSwitch, ovs_dp_stats.</summary>
    public static readonly SflowTag OvsDatapath = new(0, 2207);

    /// <summary>Broadcom switch ASIC tables (enterprise 4413, format 3).</summary>
    public static readonly SflowTag BroadcomTables = new(4413, 3);

    /// <summary>NVIDIA GPU statistics from NVML (enterprise 5703, format 1).</summary>
    public static readonly SflowTag NvidiaGpu = new(5703, 1);
}
