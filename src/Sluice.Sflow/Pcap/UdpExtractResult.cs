namespace Sluice.Sflow.Pcap;

/// <summary>Outcome of <see cref="UdpPayloadExtractor.TryExtract"/>: either a UDP payload or the reason there is none.</summary>
public enum UdpExtractResult
{
    /// <summary>A complete UDP datagram: the payload is valid.</summary>
    Ok,

    /// <summary>The link layer carries something other than IPv4 or IPv6 (ARP, LLDP, 802.3 LLC...).</summary>
    NotIp,

    /// <summary>IP, but the transport is not UDP.</summary>
    NotUdp,

    /// <summary>UDP, but not to the port asked for.</summary>
    WrongPort,

    /// <summary>The capture ends before the headers or the payload (snaplen too short, or a cut frame).</summary>
    Truncated,

    /// <summary>An IP fragment of a UDP datagram: the fragment fields of the info are set, the payload is the fragment's data.</summary>
    Fragment,

    /// <summary>The pcap link type is not one the extractor decapsulates.</summary>
    UnsupportedLinkType,

    /// <summary>Headers that contradict themselves (IHL below 5, UDP length below 8, lengths beyond the IP packet).</summary>
    Malformed,
}
