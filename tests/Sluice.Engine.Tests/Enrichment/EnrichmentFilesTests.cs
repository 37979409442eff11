using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class EnrichmentFilesTests
{
    [Fact]
    public void Locate_FromTestDirectory_FindsRepositoryData()
    {
        var paths = EnrichmentFiles.Locate();
        Assert.NotNull(EnrichmentData.Require(paths.CountryDatabase, "DB-IP country database"));
        Assert.EndsWith("asn-ipv4-num.csv", EnrichmentData.Require(paths.AsnIpv4, "ASN IPv4 ranges"), StringComparison.Ordinal);
        Assert.EndsWith("asn-ipv6-num.csv", EnrichmentData.Require(paths.AsnIpv6, "ASN IPv6 ranges"), StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ExplicitMissingPath_NotReplacedByDefault()
    {
        var paths = EnrichmentFiles.Locate("/nonexistent/country.mmdb", "/nonexistent/asn", "/nonexistent/oui", null,
            [AppContext.BaseDirectory], null);
        Assert.Equal(new EnrichmentPaths(null, null, null, null), paths);
    }

    [Fact]
    public void Locate_AsnPropertyNamesOneFile_SiblingFound()
    {
        var v4 = EnrichmentData.Require(EnrichmentData.Paths.AsnIpv4, "ASN IPv4 ranges");
        var paths = EnrichmentFiles.Locate(null, v4, null, null, [], null);
        Assert.Equal(v4, paths.AsnIpv4);
        Assert.Equal(EnrichmentData.Paths.AsnIpv6, paths.AsnIpv6);
    }
}
