namespace Sluice.Engine.Enrichment;

/// <summary>
/// Where the enrichment data was found; a null path means that part is unavailable and its lookups answer
/// "unknown" (the engine still runs).
/// </summary>
/// <param name="CountryDatabase">Country mmdb (IPv4 and IPv6), DB-IP's or a GeoLite2/GeoIP2 Country or City one, for <c>country:</c>.</param>
/// <param name="AsnIpv4">ASN ranges for IPv4 (<c>asn-ipv4-num.csv</c> or <c>asn-ipv4.csv</c>), or a GeoLite2-ASN mmdb holding both families, for <c>asn:</c>.</param>
/// <param name="AsnIpv6">ASN ranges for IPv6 (<c>asn-ipv6-num.csv</c> or <c>asn-ipv6.csv</c>).</param>
/// <param name="OuiRegistry">IEEE registry: a directory holding <c>oui.csv</c> (and <c>mam.csv</c>, <c>oui36.csv</c>, <c>iab.csv</c>) or one file, for <c>oui:</c>.</param>
public sealed record EnrichmentPaths(string? CountryDatabase, string? AsnIpv4, string? AsnIpv6, string? OuiRegistry);
