namespace Sluice.Sflow.Packets;

/// <summary>EtherType and IP protocol numbers the decoder follows (IANA registries).</summary>
internal static class EtherTypes
{
    public const ushort IPv4 = 0x0800;        // RFC 894
    public const ushort Arp = 0x0806;         // RFC 826
    public const ushort TransparentEthernetBridging = 0x6558; // RFC 1701, NVGRE RFC 7637, Geneve RFC 8926
    public const ushort Vlan8021Q = 0x8100;   // IEEE 802.1Q C-tag
    public const ushort Vlan8021AD = 0x88A8;  // IEEE 802.1ad S-tag
    public const ushort Vlan9100 = 0x9100;    // pre-standard QinQ TPIDs, as sflowtool accepts
    public const ushort Vlan9200 = 0x9200;
    public const ushort Vlan9300 = 0x9300;
    public const ushort IPv6 = 0x86DD;        // RFC 8200
    public const ushort MplsUnicast = 0x8847; // RFC 3032
    public const ushort MplsMulticast = 0x8848; // RFC 5332

    public const byte ProtocolIcmp = 1;
    public const byte ProtocolIPv4InIP = 4;   // RFC 2003
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;
    public const byte ProtocolIPv6InIP = 41;  // RFC 4213
    public const byte ProtocolGre = 47;       // RFC 2784
    public const byte ProtocolIcmp6 = 58;

    public static bool IsVlanTpid(ushort type) =>
        type is Vlan8021Q or Vlan8021AD or Vlan9100 or Vlan9200 or Vlan9300;
}
