using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// A country database record in either shape: ip-location-db's (DB-IP lite, the bundled data) carries
/// <c>country_code</c>; MaxMind's GeoLite2/GeoIP2 Country and City databases, which sFlow-RT's <c>geo.country</c>
/// names, carry <c>country.iso_code</c> and, for networks placed only by registration, <c>registered_country.iso_code</c>.
/// </summary>
internal sealed class CountryRecord
{
    [Constructor]
    public CountryRecord(
        [MapKey("country_code")] string? countryCode,
        [MapKey("country")] IsoCodeRecord? country,
        [MapKey("registered_country")] IsoCodeRecord? registeredCountry) =>
        CountryCode = countryCode ?? country?.IsoCode ?? registeredCountry?.IsoCode;

    public string? CountryCode { get; }
}
