namespace Sluice.Sflow.Pcap;

/// <summary>
/// What <see cref="UdpPayloadExtractor"/> found in a frame. The payload is a slice of the frame it was given, so it
/// lives exactly as long as that frame. For <see cref="UdpExtractResult.Fragment"/>, the ports are 0 and
/// <see cref="Payload"/> is the fragment's IP payload (which starts with the UDP header only in the first fragment).
/// </summary>
public readonly ref struct UdpDatagramInfo
{
    public UdpDatagramInfo(
        int ipVersion,
        IpAddressBytes source,
        IpAddressBytes destination,
        int sourcePort,
        int destinationPort,
        ReadOnlySpan<byte> payload,
        int payloadOffset)
    {
        IpVersion = ipVersion;
        Source = source;
        Destination = destination;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        Payload = payload;
        PayloadOffset = payloadOffset;
    }

    public UdpDatagramInfo(
        int ipVersion,
        IpAddressBytes source,
        IpAddressBytes destination,
        byte protocol,
        uint fragmentId,
        int fragmentOffset,
        bool moreFragments,
        ReadOnlySpan<byte> fragmentData,
        int payloadOffset)
    {
        IpVersion = ipVersion;
        Source = source;
        Destination = destination;
        Protocol = protocol;
        FragmentId = fragmentId;
        FragmentOffset = fragmentOffset;
        MoreFragments = moreFragments;
        Payload = fragmentData;
        PayloadOffset = payloadOffset;
        IsFragment = true;
    }

    /// <summary>4 or 6; 0 when no IP header was found.</summary>
    public int IpVersion { get; }

    public IpAddressBytes Source { get; }

    public IpAddressBytes Destination { get; }

    public int SourcePort { get; }

    public int DestinationPort { get; }

    /// <summary>UDP payload (bounded by the UDP length and the captured bytes), or the fragment data.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Where <see cref="Payload"/> starts in the frame, so a caller holding the frame as memory can slice it.</summary>
    public int PayloadOffset { get; }

    public bool IsFragment { get; }

    /// <summary>IP protocol / next header of a fragment (17 for UDP).</summary>
    public byte Protocol { get; }

    /// <summary>IPv4 identification (16 bits) or IPv6 fragment identification (32 bits).</summary>
    public uint FragmentId { get; }

    /// <summary>Offset of this fragment's data in the original datagram, in bytes.</summary>
    public int FragmentOffset { get; }

    /// <summary>The MF flag: more fragments follow.</summary>
    public bool MoreFragments { get; }
}
