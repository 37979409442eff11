namespace Sluice.Sflow.Pcap;

/// <summary>Settings for <see cref="PcapWriter"/>; the defaults match sflowtool's -t output.</summary>
public sealed record PcapWriterOptions
{
    /// <summary>LINKTYPE_ value written in the global header (default Ethernet).</summary>
    public int LinkType { get; init; } = PcapLinkTypes.Ethernet;

    /// <summary>snaplen written in the global header; records longer than this are cut to it (default 65536).</summary>
    public int SnapLength { get; init; } = 65_536;

    /// <summary>Write the a1b23c4d magic and nanosecond fractions instead of microseconds.</summary>
    public bool Nanosecond { get; init; }

    /// <summary>
    /// Flush the stream after every record, so a reader at the other end of a pipe (sflowtool -t | tcpdump -r -)
    /// sees each record as it is written instead of when a buffer fills.
    /// </summary>
    public bool FlushEachRecord { get; init; }

    /// <summary>Write big-endian headers (as a big-endian host would). Little-endian by default, whatever the host.</summary>
    public bool BigEndian { get; init; }
}
