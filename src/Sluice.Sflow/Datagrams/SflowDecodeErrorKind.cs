namespace Sluice.Sflow.Datagrams;

public enum SflowDecodeErrorKind : byte
{
    None = 0,

    /// <summary>A field or structure runs past the end of the datagram.</summary>
    Truncated,

    /// <summary>The version word is not 2, 4 or 5.</summary>
    UnsupportedVersion,

    /// <summary>An address type other than IPv4 (1) or IPv6 (2).</summary>
    BadAddressType,

    /// <summary>A sample or record whose content does not fill its declared length exactly.</summary>
    LengthMismatch,

    /// <summary>A v2/v4 sample, packet or extended type that cannot be skipped (those formats carry no lengths).</summary>
    UnknownLegacyType,

    /// <summary>Bytes in a record contradict its own structure (bad counts, bad nesting).</summary>
    Malformed,

    /// <summary>The visitor asked to stop, having found a record it could not accept.</summary>
    StoppedByVisitor,
}
