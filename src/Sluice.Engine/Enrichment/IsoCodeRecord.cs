using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>The <c>country</c> or <c>registered_country</c> map of a MaxMind GeoIP2/GeoLite2 record; only its code is read.</summary>
internal sealed class IsoCodeRecord
{
    [Constructor]
    public IsoCodeRecord([MapKey("iso_code")] string? isoCode) => IsoCode = isoCode;

    public string? IsoCode { get; }
}
