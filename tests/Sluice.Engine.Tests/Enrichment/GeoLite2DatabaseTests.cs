using System.Diagnostics;
using System.Net;
using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

/// <summary>
/// <c>-Dgeo.country=</c> and <c>-Dgeo.asn=</c> with databases in MaxMind's GeoLite2 shapes (what sFlow-RT's
/// properties name), written by MaxMind's own writer (Debian's libmaxmind-db-writer-perl, which CI installs).
/// </summary>
public sealed class GeoLite2DatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-geolite2-").FullName;

    public GeoLite2DatabaseTests()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Enrichment", "write-geolite2.pl");
        using var perl = Process.Start(new ProcessStartInfo("perl", [script, _directory]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("perl did not start");
        var errors = perl.StandardError.ReadToEnd();
        perl.WaitForExit();
        Assert.True(perl.ExitCode == 0, $"write-geolite2.pl failed (apt-get install -y libmaxmind-db-writer-perl): {errors}");
    }

    private string CountryFile => Path.Combine(_directory, "GeoLite2-Country.mmdb");

    private string AsnFile => Path.Combine(_directory, "GeoLite2-ASN.mmdb");

    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("84.190.1.2", "DE")]
    [InlineData("::ffff:8.8.8.4", "US")]
    [InlineData("2001:4860:4860::8888", "CA")]
    public void Country_GeoLite2Shape_IsoCodeOfCountryElseRegisteredCountry(string address, string expected)
    {
        using var lookup = MaxMindCountryLookup.Open(CountryFile);
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        Assert.True(lookup.Indexed);
        Assert.True(lookup.TryGetCountry(Bytes(address), out var country));
        Assert.Equal(expected, country);
    }

    [Theory]
    [InlineData("8.8.9.1")]
    [InlineData("1.1.1.1")]
    [InlineData("2001:4861::1")]
    public void Country_GeoLite2ShapeOutsideItsNetworks_Unknown(string address)
    {
        using var lookup = MaxMindCountryLookup.Open(CountryFile);
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        Assert.False(lookup.TryGetCountry(Bytes(address), out _));
    }

    [Fact]
    public void Properties_GeoLite2Files_CountryAndAsnThroughTheEnrichment()
    {
        var paths = EnrichmentFiles.Locate(CountryFile, AsnFile, null);
        Assert.Equal(AsnFile, paths.AsnIpv4);
        Assert.Null(paths.AsnIpv6);
        var messages = new List<string>();
        using var enrichment = AddressEnrichment.Load(paths, messages.Add);
        Assert.Empty(messages);
        Assert.True(enrichment.WaitUntilIndexed(TimeSpan.FromMinutes(1)));

        Assert.True(enrichment.TryGetCountry(Bytes("8.8.8.8"), out var country));
        Assert.Equal("US", country);
        Assert.True(enrichment.TryGetAsn(Bytes("8.8.8.8"), out var asn));
        Assert.Equal(15169u, asn);
        Assert.True(enrichment.TryGetAsnName(Bytes("1.1.1.1"), out var name));
        Assert.Equal("CLOUDFLARENET", name);
        Assert.True(enrichment.TryGetAsn(Bytes("2001:4860:4860::8888"), out var v6Asn));
        Assert.Equal(15169u, v6Asn);
        Assert.False(enrichment.TryGetAsn(Bytes("9.9.9.9"), out _));
        Assert.False(enrichment.TryGetAsn(Bytes("2001:4861::1"), out _));
    }

    [Fact]
    public void LoadDatabase_GeoLite2Asn_BothFamiliesOneEntryPerAs()
    {
        var lookup = AsnRangeLookup.LoadDatabase(AsnFile);

        Assert.Equal(2, lookup.Ipv4RangeCount);
        Assert.Equal(1, lookup.Ipv6RangeCount);
        Assert.Equal(2, lookup.AsnCount);
        Assert.True(lookup.TryFind(Bytes("8.8.8.255"), out var asn, out var name));
        Assert.Equal((15169u, "GOOGLE"), (asn, name));
        Assert.False(lookup.TryFind(Bytes("8.8.9.0"), out _, out _));
    }

    [Fact]
    public void LoadDatabase_NotADatabase_InvalidDatabase()
    {
        var bogus = Path.Combine(_directory, "bogus.mmdb");
        File.WriteAllText(bogus, "not a database");

        Assert.Throws<MaxMind.Db.InvalidDatabaseException>(() => AsnRangeLookup.LoadDatabase(bogus));
        var messages = new List<string>();
        using var enrichment = AddressEnrichment.Load(new EnrichmentPaths(null, bogus, null, null), messages.Add);
        Assert.Contains(messages, m => m.StartsWith("ASN ranges unusable", StringComparison.Ordinal));
        Assert.False(enrichment.TryGetAsn(Bytes("8.8.8.8"), out _));
    }

    [Fact]
    public void Load_AsnRecordOfTheWrongType_ReportedNotThrown()
    {
        var bytes = File.ReadAllBytes(AsnFile);
        // The first record is a map whose first key is autonomous_system_number: its control byte (0xE2, a map of two)
        // sits just before the key's own (0x58, a string of 24). Making it a string of two leaves the tree intact
        // and the record undecodable as an AS record (the reader throws DeserializationException).
        var key = System.Text.Encoding.ASCII.GetBytes("autonomous_system_number");
        var at = bytes.AsSpan().IndexOf(key);
        Assert.True(at >= 2 && bytes[at - 1] == 0x58 && bytes[at - 2] == 0xE2, $"record layout at {at}");
        bytes[at - 2] = 0x42;
        var damaged = Path.Combine(_directory, "damaged-asn.mmdb");
        File.WriteAllBytes(damaged, bytes);

        var messages = new List<string>();
        using var enrichment = AddressEnrichment.Load(new EnrichmentPaths(null, damaged, null, null), messages.Add);

        var asnMessage = Assert.Single(messages, m => m.StartsWith("ASN", StringComparison.Ordinal));
        Assert.StartsWith("ASN ranges unusable: ", asnMessage, StringComparison.Ordinal);
        Assert.False(enrichment.TryGetAsn(Bytes("8.8.8.8"), out _));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Bytes(string address) => IPAddress.Parse(address).GetAddressBytes();
}
