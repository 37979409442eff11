using Sluice.Engine.Enrichment;

namespace Sluice.Engine.Tests.Enrichment;

/// <summary>
/// The real data files, loaded once for all enrichment tests. Missing data fails the tests (it does not skip
/// them): CI installs it, and a silent skip would hide a broken install.
/// </summary>
internal static class EnrichmentData
{
    private const string Install = "run `npm ci --prefix data` in the repository and `apt-get install -y --no-install-recommends ieee-data`";

    private static readonly Lazy<EnrichmentPaths> _paths = new(() => EnrichmentFiles.Locate());
    private static readonly Lazy<AsnRangeLookup> _asn = new(() =>
        AsnRangeLookup.Load(Require(Paths.AsnIpv4, "ASN IPv4 ranges"), Require(Paths.AsnIpv6, "ASN IPv6 ranges")));
    private static readonly Lazy<OuiTable> _oui = new(() => OuiTable.Load(Require(Paths.OuiRegistry, "IEEE OUI registry")));

    public static EnrichmentPaths Paths => _paths.Value;

    public static AsnRangeLookup Asn => _asn.Value;

    public static OuiTable Oui => _oui.Value;

    public static string CountryDatabase => Require(Paths.CountryDatabase, "DB-IP country database");

    public static string Require(string? path, string what) =>
        path ?? throw new InvalidOperationException($"{what} not found: {Install}");
}
