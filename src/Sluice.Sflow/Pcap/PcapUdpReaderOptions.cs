namespace Sluice.Sflow.Pcap;

/// <summary>Settings for <see cref="PcapUdpReader"/>.</summary>
public sealed record PcapUdpReaderOptions
{
    /// <summary>Keep only datagrams to this UDP destination port (e.g. 6343); null keeps every UDP datagram.</summary>
    public int? Port { get; init; }

    /// <summary>Reassemble IPv4 fragments; when false, fragments are counted as dropped.</summary>
    public bool Reassemble { get; init; } = true;

    /// <summary>Bounds of the reassembler.</summary>
    public Ipv4ReassemblerOptions Reassembler { get; init; } = new();
}
