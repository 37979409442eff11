namespace Sluice.Sflow.Pcap;

/// <summary>Bounds for <see cref="Ipv4Reassembler"/>: memory stays below MaxConcurrent × MaxDatagramSize.</summary>
public sealed record Ipv4ReassemblerOptions
{
    /// <summary>Datagrams being reassembled at once; when full, the oldest is evicted.</summary>
    public int MaxConcurrent { get; init; } = 64;

    /// <summary>Largest reassembled IP payload accepted (the IPv4 total length is 16 bits).</summary>
    public int MaxDatagramSize { get; init; } = 65_535;

    /// <summary>Fragments per datagram; bounds the overlap check against a flood of tiny fragments.</summary>
    public int MaxFragmentsPerDatagram { get; init; } = 256;

    /// <summary>
    /// A datagram not complete this long (by packet timestamp) after its first fragment is dropped.
    /// 30 s, as Linux net.ipv4.ipfrag_time.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
