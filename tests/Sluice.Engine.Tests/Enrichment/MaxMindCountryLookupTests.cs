using System.Net;
using MaxMind.Db;
using Sluice.Engine.Enrichment;
using Sluice.Testing;
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
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        Assert.True(lookup.Indexed);
        Assert.True(lookup.TryGetCountry(IPAddress.Parse(address).GetAddressBytes(), out var indexed));
        Assert.Same(country, indexed);
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
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        Assert.False(lookup.TryGetCountry(IPAddress.Parse(address).GetAddressBytes(), out _));
    }

    [Fact]
    public void TryGetCountry_Indexed_AgreesWithTheDatabaseOnRandomAddresses()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        using var reader = new Reader(EnrichmentData.CountryDatabase, FileAccessMode.MemoryMapped);
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        Assert.True(lookup.Indexed);
        var random = new Random(20261127);
        var known = 0;
        for (var i = 0; i < 40_000; i++)
        {
            // IPv4, and IPv6 in the global unicast space the database covers.
            var bytes = new byte[i % 4 == 0 ? 16 : 4];
            random.NextBytes(bytes);
            if (bytes.Length == 16)
            {
                bytes[0] = (byte)(0x20 | (bytes[0] & 0x0F));
            }

            var record = reader.Find<Record>(new IPAddress(bytes));
            var expected = record?.Code is { } code && code != "ZZ" ? code : null;
            var found = lookup.TryGetCountry(bytes, out var country);
            Assert.True(expected == (found ? country : null), $"{new IPAddress(bytes)}: database {expected}, index {country}");
            known += found ? 1 : 0;
        }

        // Most of the IPv4 space is placed; the check would mean little if nearly everything were unknown.
        Assert.InRange(known, 20_000, 40_000);
    }

    [Fact]
    public void TryGetCountry_Indexed_NewAddressesAllocateNothing()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
        var v4 = new byte[4];
        var v6 = new byte[16];
        v6[0] = 0x2a;
        var placed = 0;
        SteadyState.AssertAllocatesNothing(20_000, i =>
        {
            // Every call a different address, as in a flood of spoofed sources.
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(v4, i * 7919);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(v6.AsSpan(2), i * 104729);
            placed += lookup.TryGetCountry(v4, out _) ? 1 : 0;
            placed += lookup.TryGetCountry(v6, out _) ? 1 : 0;
        });
        Assert.True(placed > 0);
    }

    [Fact]
    public void TryGetCountry_BadLength_Unknown()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        Assert.False(lookup.TryGetCountry([1, 2, 3], out _));
    }

    [Fact]
    public void Open_DamagedTreeAndData_LookupsAndDisposeDoNotThrow()
    {
        // The metadata at the end stays intact, so the file opens; the walk and lookups then meet garbage.
        var damaged = Path.Combine(Path.GetTempPath(), $"sluice-damaged-{Guid.NewGuid():N}.mmdb");
        var bytes = File.ReadAllBytes(EnrichmentData.CountryDatabase);
        new Random(5).NextBytes(bytes.AsSpan(bytes.Length / 8, bytes.Length / 2));
        File.WriteAllBytes(damaged, bytes);
        try
        {
            var lookup = MaxMindCountryLookup.Open(damaged);
            var random = new Random(6);
            var address = new byte[4];
            for (var i = 0; i < 2_000; i++)
            {
                random.NextBytes(address);
                lookup.TryGetCountry(address, out _);
            }

            Assert.True(lookup.WaitUntilIndexed(TimeSpan.FromMinutes(1)));
            for (var i = 0; i < 2_000; i++)
            {
                random.NextBytes(address);
                lookup.TryGetCountry(address, out _);
            }

            lookup.Dispose();
        }
        finally
        {
            File.Delete(damaged);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TryGetCountry_DamagedDatabaseNotIndexed_AnswersWithoutThrowing(int seed)
    {
        var damaged = Path.Combine(Path.GetTempPath(), $"sluice-damaged-{Guid.NewGuid():N}.mmdb");
        var bytes = File.ReadAllBytes(EnrichmentData.CountryDatabase);
        var random = new Random(seed);
        // Scattered damage over the tree and the data, the metadata at the end left readable.
        for (var i = 0; i < 20_000; i++)
        {
            bytes[random.Next(bytes.Length - 100_000)] = (byte)random.Next(256);
        }

        File.WriteAllBytes(damaged, bytes);
        try
        {
            using var lookup = MaxMindCountryLookup.Open(damaged, index: false);
            var address = new byte[4];
            for (var i = 0; i < 5_000; i++)
            {
                random.NextBytes(address);
                lookup.TryGetCountry(address, out _);
            }

            Assert.False(lookup.Indexed);
        }
        finally
        {
            File.Delete(damaged);
        }
    }

    [Fact]
    public void TryGetCountry_SameCountryTwice_SameStringInstance()
    {
        using var lookup = MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase);
        lookup.TryGetCountry([8, 8, 8, 8], out var a);
        lookup.TryGetCountry([8, 8, 4, 4], out var b);
        Assert.Same(a, b);
    }

    internal sealed class Record
    {
        [Constructor]
        public Record([MapKey("country_code")] string? code) => Code = code;

        public string? Code { get; }
    }
}
