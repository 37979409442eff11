using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>The DB-IP country mmdb's record: a map with just <c>country_code</c>.</summary>
internal sealed class CountryRecord
{
    [Constructor]
    public CountryRecord([MapKey("country_code")] string? countryCode) => CountryCode = countryCode;

    public string? CountryCode { get; }
}
