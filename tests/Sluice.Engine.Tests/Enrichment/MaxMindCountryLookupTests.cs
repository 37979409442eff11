using System.Net;
using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class MaxMindCountryLookupTests
{
    // What the installed DB-IP data says (2026-06 build); Google's and Cloudflare's IPv6 anycast place in CA there.
    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("1.1.1.1", "AU")]
    [InlineData("84.128.0.1", "DE")]
    [InlineData("126.0.0.1", "JP")]
    [InlineData("2001:4860:4860::8888", "CA")]
    [InlineData("::ffff:8.8.8.8", "US")]
    public void TryGetCountry_KnownAddress_UpperCaseIsoCode(string address, string expected)
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        Assert.True(lookup.TryGetCountry(IPAddress.Parse(address).GetAddressBytes(), out var country));
        Assert.Equal(expected, country);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    public void TryGetCountry_PrivateAddress_Unknown(string address)
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        Assert.False(lookup.TryGetCountry(IPAddress.Parse(address).GetAddressBytes(), out _));
    }

    [Fact]
    public void TryGetCountry_BadLength_Unknown()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        Assert.False(lookup.TryGetCountry([1, 2, 3], out _));
    }

    [Fact]
    public void TryGetCountry_SameCountryTwice_SameStringInstance()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        lookup.TryGetCountry([8, 8, 8, 8], out var a);
        lookup.TryGetCountry([8, 8, 4, 4], out var b);
        Assert.Same(a, b);
    }
}
