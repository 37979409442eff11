namespace Sluice.Engine.Export.Ipfix;

/// <summary>IANA IPFIX information element IDs (RFC 7012 and the IANA "IPFIX Information Elements" registry) that Sluice exports.</summary>
internal static class IpfixElements
{
    public const ushort OctetDeltaCount = 1; // unsigned64
    public const ushort PacketDeltaCount = 2; // unsigned64
    public const ushort ProtocolIdentifier = 4; // unsigned8
    public const ushort SourceTransportPort = 7; // unsigned16
    public const ushort SourceIPv4Address = 8; // ipv4Address
    public const ushort IngressInterface = 10; // unsigned32
    public const ushort DestinationTransportPort = 11; // unsigned16
    public const ushort DestinationIPv4Address = 12; // ipv4Address
    public const ushort EgressInterface = 14; // unsigned32
    public const ushort SourceIPv6Address = 27; // ipv6Address
    public const ushort DestinationIPv6Address = 28; // ipv6Address
    public const ushort SourceMacAddress = 56; // macAddress
    public const ushort VlanId = 58; // unsigned16
    public const ushort DestinationMacAddress = 80; // macAddress
    public const ushort FlowStartMilliseconds = 152; // dateTimeMilliseconds
    public const ushort FlowEndMilliseconds = 153; // dateTimeMilliseconds
    public const ushort Dot1qPriority = 244; // unsigned8
    public const ushort EthernetType = 256; // unsigned16
}
