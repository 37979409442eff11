namespace Sluice.Engine.Enrichment;

/// <summary>
/// What the flow language's <c>country:</c> and <c>asn:</c> key functions ask about an address (4 or 16 bytes).
/// Implementations answer from memory: no I/O or allocation per lookup in steady state.
/// </summary>
public interface IAddressEnrichment
{
    /// <summary>The ISO 3166 country code (upper case, e.g. <c>US</c>) of the address, if known.</summary>
    bool TryGetCountry(ReadOnlySpan<byte> address, out string country);

    /// <summary>The autonomous system number originating the address, if known.</summary>
    bool TryGetAsn(ReadOnlySpan<byte> address, out uint asn);

    /// <summary>The name of that autonomous system, if known.</summary>
    bool TryGetAsnName(ReadOnlySpan<byte> address, out string name);
}
