namespace Sluice.Sflow.Pcap;

/// <summary>Outcome of adding one fragment to <see cref="Ipv4Reassembler"/>.</summary>
public enum Ipv4ReassemblyResult
{
    /// <summary>Stored; the datagram is not complete yet.</summary>
    Incomplete,

    /// <summary>This fragment completed the datagram, which is returned.</summary>
    Complete,

    /// <summary>An exact copy of a fragment already held (same range, same bytes), as seen when a capture sees a packet twice; ignored.</summary>
    Duplicate,

    /// <summary>
    /// Overlapping with different data, contradicting the datagram's length, misaligned, or too large: the fragment
    /// and everything held for its datagram are dropped (RFC 5722 reasoning: overlaps are an attack or a bug).
    /// </summary>
    Rejected,
}
