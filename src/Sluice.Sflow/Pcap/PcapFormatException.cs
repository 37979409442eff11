namespace Sluice.Sflow.Pcap;

/// <summary>
/// A pcap stream is not a classic pcap file, or is damaged. Carries the kind of damage and the byte offset in the
/// stream where it was found, so a CLI can say "truncated record 17 at offset 4242" rather than just "bad file".
/// </summary>
public sealed class PcapFormatException : Exception
{
    public PcapFormatException()
    {
    }

    public PcapFormatException(string message)
        : base(message)
    {
    }

    public PcapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcapFormatException(PcapErrorKind kind, long offset, string message)
        : base(message)
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>What is wrong with the stream.</summary>
    public PcapErrorKind Kind { get; }

    /// <summary>Byte offset in the stream of the header (global or record) that is damaged.</summary>
    public long Offset { get; }
}
