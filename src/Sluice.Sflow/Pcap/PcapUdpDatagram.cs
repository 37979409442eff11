namespace Sluice.Sflow.Pcap;

/// <summary>
/// One UDP datagram from a capture. <see cref="Payload"/> points into a buffer the <see cref="PcapUdpReader"/>
/// reuses: valid until its next read. Copy it to keep it.
/// </summary>
public readonly struct PcapUdpDatagram : IEquatable<PcapUdpDatagram>
{
    public PcapUdpDatagram(
        long recordIndex,
        long timestampNs,
        IpAddressBytes source,
        int sourcePort,
        IpAddressBytes destination,
        int destinationPort,
        ReadOnlyMemory<byte> payload,
        bool reassembled)
    {
        RecordIndex = recordIndex;
        TimestampNs = timestampNs;
        Source = source;
        SourcePort = sourcePort;
        Destination = destination;
        DestinationPort = destinationPort;
        Payload = payload;
        Reassembled = reassembled;
    }

    /// <summary>Index of the pcap record that carried the datagram (the last fragment, when reassembled).</summary>
    public long RecordIndex { get; }

    /// <summary>Nanoseconds since the Unix epoch, from the pcap record.</summary>
    public long TimestampNs { get; }

    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNs / 100);

    public IpAddressBytes Source { get; }

    public int SourcePort { get; }

    public IpAddressBytes Destination { get; }

    public int DestinationPort { get; }

    /// <summary>UDP payload, over a reused buffer: valid until the next read.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>True when the datagram was rebuilt from IPv4 fragments.</summary>
    public bool Reassembled { get; }

    public bool Equals(PcapUdpDatagram other) =>
        RecordIndex == other.RecordIndex && TimestampNs == other.TimestampNs && Source == other.Source
        && SourcePort == other.SourcePort && Destination == other.Destination
        && DestinationPort == other.DestinationPort && Payload.Equals(other.Payload) && Reassembled == other.Reassembled;

    public override bool Equals(object? obj) => obj is PcapUdpDatagram other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(RecordIndex, TimestampNs, Source, SourcePort, DestinationPort);

    public static bool operator ==(PcapUdpDatagram left, PcapUdpDatagram right) => left.Equals(right);

    public static bool operator !=(PcapUdpDatagram left, PcapUdpDatagram right) => !left.Equals(right);
}
