using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>A MAC address last seen entering the network at an interface, as a <see cref="HostLocationTable"/> holds it.</summary>
/// <param name="Mac">The 48-bit MAC in the low bits.</param>
/// <param name="Vlan">The frame's VLAN, -1 when untagged and no extended_switch record gave one.</param>
/// <param name="IPv4">The frame's IPv4 source, <see cref="SflowAddressType.Unknown"/> when it had none.</param>
/// <param name="IPv6">The frame's IPv6 source, likewise.</param>
internal readonly record struct HostSighting(ulong Mac, SflowAddress Agent, uint IfIndex, int Vlan, SflowAddress IPv4, SflowAddress IPv6, long LastSeenUnixMs);
