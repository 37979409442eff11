using System.Net;
using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class AsnRangeLookupTests
{
    [Theory]
    [InlineData("8.8.8.8", 15169u, "Google LLC")]
    [InlineData("1.1.1.1", 13335u, "Cloudflare, Inc.")]
    [InlineData("84.128.0.1", 3320u, "Deutsche Telekom AG")]
    [InlineData("126.0.0.1", 17676u, "SoftBank Corp.")]
    [InlineData("2001:4860:4860::8888", 15169u, "Google LLC")]
    [InlineData("2606:4700:4700::1111", 13335u, "Cloudflare, Inc.")]
    [InlineData("::ffff:8.8.8.8", 15169u, "Google LLC")]
    public void TryFind_KnownAddress_AsnAndName(string address, uint expectedAsn, string expectedName)
    {
        Assert.True(EnrichmentData.Asn.TryFind(IPAddress.Parse(address).GetAddressBytes(), out var asn, out var name));
        Assert.Equal(expectedAsn, asn);
        Assert.Equal(expectedName, name);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("::1")]
    public void TryFind_PrivateAddress_Unknown(string address) =>
        Assert.False(EnrichmentData.Asn.TryFind(IPAddress.Parse(address).GetAddressBytes(), out _, out _));

    [Fact]
    public void Load_RealFiles_AllRows()
    {
        Assert.True(EnrichmentData.Asn.Ipv4RangeCount > 100_000);
        Assert.True(EnrichmentData.Asn.Ipv6RangeCount > 10_000);
    }

    [Fact]
    public void Load_DottedUnsortedQuotedCsv_Parsed()
    {
        var v4 = Path.GetTempFileName();
        var v6 = Path.GetTempFileName();
        try
        {
            File.WriteAllText(v4, "9.0.0.0,9.255.255.255,3356,Level 3\n1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n2.0.0.0,2.0.0.255,7,\"Say \"\"hi\"\"\"\r\n");
            File.WriteAllText(v6, "2001:db8::,2001:db8::ffff,64496,Doc\n");
            var lookup = AsnRangeLookup.Load(v4, v6);
            Assert.True(lookup.TryFind([1, 0, 0, 9], out var asn, out var name));
            Assert.Equal((13335u, "Cloudflare, Inc."), (asn, name));
            Assert.True(lookup.TryFind([2, 0, 0, 1], out _, out name));
            Assert.Equal("Say \"hi\"", name);
            Assert.True(lookup.TryFind([9, 1, 2, 3], out asn, out _));
            Assert.Equal(3356u, asn);
            Assert.False(lookup.TryFind([3, 0, 0, 1], out _, out _));
            Assert.True(lookup.TryFind(IPAddress.Parse("2001:db8::10").GetAddressBytes(), out asn, out _));
            Assert.Equal(64496u, asn);
        }
        finally
        {
            File.Delete(v4);
            File.Delete(v6);
        }
    }

    [Fact]
    public void Load_BadRow_FormatExceptionWithLine()
    {
        var v4 = Path.GetTempFileName();
        try
        {
            File.WriteAllText(v4, "1,2,3,ok\nnot a row\n");
            var e = Assert.Throws<FormatException>(() => AsnRangeLookup.Load(v4, null));
            Assert.Contains(":2:", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(v4);
        }
    }
}
