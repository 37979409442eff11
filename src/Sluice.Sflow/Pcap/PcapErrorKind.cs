namespace Sluice.Sflow.Pcap;

/// <summary>Why a pcap stream could not be read.</summary>
public enum PcapErrorKind
{
    /// <summary>The first four bytes are not a classic pcap magic number.</summary>
    UnknownMagic,

    /// <summary>The file is pcapng (Section Header Block type 0x0A0D0D0A), which this reader does not handle.</summary>
    Pcapng,

    /// <summary>The stream ended inside the 24-byte global header.</summary>
    TruncatedGlobalHeader,

    /// <summary>The stream ended inside a 16-byte record header or inside the captured bytes of a record.</summary>
    TruncatedRecord,

    /// <summary>A record header claims more captured bytes than any sane capture holds.</summary>
    RecordTooLarge,
}
