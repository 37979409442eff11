namespace Sluice.Engine.Bgp.Wire;

/// <summary>What a session negotiated that changes how UPDATEs are written and read.</summary>
/// <param name="LocalAs">This speaker's AS: first in the AS_PATH sent to external peers.</param>
/// <param name="Internal">The peer is in the same AS (iBGP): no AS prepended, LOCAL_PREF sent.</param>
/// <param name="FourOctetAs">Both sides sent the 4-octet AS capability (RFC 6793): AS_PATH carries 4-octet numbers.</param>
/// <param name="MaxMessageLength">4096, or 65535 with extended messages (RFC 8654).</param>
public readonly record struct BgpUpdateContext(uint LocalAs, bool Internal, bool FourOctetAs, int MaxMessageLength = 4096);
