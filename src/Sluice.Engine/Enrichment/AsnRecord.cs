using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>A MaxMind GeoLite2/GeoIP2 ASN database record (the shape sFlow-RT's <c>geo.asn</c> names).</summary>
internal sealed class AsnRecord
{
    [Constructor]
    public AsnRecord(
        [MapKey("autonomous_system_number")] long? number,
        [MapKey("autonomous_system_organization")] string? organization)
    {
        Number = number;
        Organization = organization;
    }

    public long? Number { get; }

    public string? Organization { get; }
}
