namespace Sluice.Sflow.Packets;

/// <summary>The encapsulation that carries the inner layer of a sampled header.</summary>
public enum TunnelKind
{
    /// <summary>No tunnel decoded.</summary>
    None = 0,
    /// <summary>VXLAN (UDP 4789 or the Linux legacy 8472).</summary>
    Vxlan,
    /// <summary>Geneve (UDP 6081).</summary>
    Geneve,
    /// <summary>GRE without an NVGRE key.</summary>
    Gre,
    /// <summary>NVGRE: GRE with a key and protocol 0x6558; the VSID is in <see cref="PacketFields.VirtualNetworkId"/>.</summary>
    Nvgre,
    /// <summary>IPv4 or IPv6 directly inside IP (protocol 4 or 41).</summary>
    IpInIp,
}
