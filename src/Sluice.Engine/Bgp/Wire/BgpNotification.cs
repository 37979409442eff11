namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// A NOTIFICATION (RFC 4271 §4.5): the error code, the subcode and the data that show the peer what was wrong.
/// The codes are in <see cref="BgpError"/>.
/// </summary>
public sealed record BgpNotification(byte Code, byte Subcode, ReadOnlyMemory<byte> Data)
{
    public BgpNotification(byte code, byte subcode)
        : this(code, subcode, ReadOnlyMemory<byte>.Empty)
    {
    }

    /// <summary>"3/9 UPDATE Message Error: Optional Attribute Error", for logs and test messages.</summary>
    public override string ToString() => $"{Code}/{Subcode} {BgpError.Describe(Code, Subcode)}";
}
