using System.Net;
using Sluice.Engine.Enrichment;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class AddressEnrichmentTests
{
    private static AddressEnrichment Open() =>
        new(MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase), EnrichmentData.Asn, 1024);

    [Fact]
    public void Lookups_KnownAddress_CountryAsnAndName()
    {
        using var enrichment = Open();
        var google = IPAddress.Parse("8.8.8.8").GetAddressBytes();
        Assert.True(enrichment.TryGetCountry(google, out var country));
        Assert.True(enrichment.TryGetAsn(google, out var asn));
        Assert.True(enrichment.TryGetAsnName(google, out var name));
        Assert.Equal(("US", 15169u, "Google LLC"), (country, asn, name));
    }

    [Fact]
    public void Lookups_PrivateAddress_Unknown()
    {
        using var enrichment = Open();
        byte[] address = [10, 0, 0, 1];
        Assert.False(enrichment.TryGetCountry(address, out _));
        Assert.False(enrichment.TryGetAsn(address, out _));
        Assert.False(enrichment.TryGetAsnName(address, out _));
    }

    [Fact]
    public void Lookups_CollidingAddresses_EachGetsItsOwnAnswer()
    {
        // A 2-slot cache makes most addresses share slots: answers must still be per address.
        using var enrichment = new AddressEnrichment(MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase), EnrichmentData.Asn, 2);
        for (var round = 0; round < 3; round++)
        {
            Assert.True(enrichment.TryGetCountry([8, 8, 8, 8], out var us));
            Assert.True(enrichment.TryGetCountry([126, 0, 0, 1], out var jp));
            Assert.True(enrichment.TryGetCountry([84, 128, 0, 1], out var de));
            Assert.Equal(("US", "JP", "DE"), (us, jp, de));
        }
    }

    [Fact]
    public void Lookups_ConcurrentReadersOnCollidingSlots_EveryAnswerIsTheAddresses()
    {
        // Four workers fill and read a 2-slot cache at once: a torn slot (one address's key with another's answer)
        // must never be returned.
        using var enrichment = new AddressEnrichment(MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase), EnrichmentData.Asn, 2);
        (byte[] Address, string Country, uint Asn)[] expected =
        [
            ([8, 8, 8, 8], "US", 15169), ([126, 0, 0, 1], "JP", 0), ([84, 128, 0, 1], "DE", 0), ([1, 1, 1, 1], "", 0),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            enrichment.TryGetCountry(expected[i].Address, out var country);
            enrichment.TryGetAsn(expected[i].Address, out var asn);
            expected[i] = (expected[i].Address, country, asn);
        }

        var wrong = 0;
        Parallel.For(0, 4, worker =>
        {
            for (var round = 0; round < 20_000; round++)
            {
                var (address, country, asn) = expected[(round + worker) % expected.Length];
                enrichment.TryGetCountry(address, out var foundCountry);
                enrichment.TryGetAsn(address, out var foundAsn);
                if (foundCountry != country || foundAsn != asn)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(("US", 15169u, "JP", "DE"), (expected[0].Country, expected[0].Asn, expected[1].Country, expected[2].Country));
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Lookups_Ipv4AndMappedIpv6_SameAnswer()
    {
        using var enrichment = Open();
        Assert.True(enrichment.TryGetCountry([8, 8, 8, 8], out var plain));
        Assert.True(enrichment.TryGetCountry(IPAddress.Parse("::ffff:8.8.8.8").GetAddressBytes(), out var mapped));
        Assert.Same(plain, mapped);
    }

    [Fact]
    public void Lookups_TwoAddressesInATwoSlotCache_BothStayCached()
    {
        // Two slots are one pair, and both addresses hash to the first: the second one fills the other.
        using var enrichment = new AddressEnrichment(MaxMindCountryLookup.Open(EnrichmentData.CountryDatabase), EnrichmentData.Asn, 2);
        for (var round = 0; round < 3; round++)
        {
            Assert.True(enrichment.TryGetCountry([8, 8, 8, 8], out _));
            Assert.True(enrichment.TryGetCountry([84, 128, 0, 1], out _));
        }

        Assert.Equal(2, enrichment.Misses);
    }

    [Fact]
    public void Lookups_CacheHits_AllocateNothing()
    {
        using var enrichment = Open();
        byte[][] addresses =
        [
            [8, 8, 8, 8], [1, 1, 1, 1], [84, 128, 0, 1], [126, 0, 0, 1], [10, 0, 0, 1],
            IPAddress.Parse("2001:4860:4860::8888").GetAddressBytes(),
        ];
        var hits = 0;
        void Pass()
        {
            foreach (var a in addresses)
            {
                hits += enrichment.TryGetCountry(a, out _) ? 1 : 0;
                hits += enrichment.TryGetAsn(a, out _) ? 1 : 0;
                hits += enrichment.TryGetAsnName(a, out _) ? 1 : 0;
            }
        }
        Pass(); // fills the cache
        SteadyState.AssertAllocatesNothing(1000, _ => Pass());
        Assert.True(hits > 0);
    }

    [Fact]
    public void Load_MissingFiles_UnknownAndMessages()
    {
        var messages = new List<string>();
        using var enrichment = AddressEnrichment.Load(new EnrichmentPaths(null, null, null, null), messages.Add);
        Assert.False(enrichment.HasCountry);
        Assert.False(enrichment.HasAsn);
        Assert.False(enrichment.TryGetCountry([8, 8, 8, 8], out _));
        Assert.False(enrichment.TryGetAsn([8, 8, 8, 8], out _));
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public void Load_CorruptCountryFile_MessageNotException()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not an mmdb");
            var messages = new List<string>();
            using var enrichment = AddressEnrichment.Load(new EnrichmentPaths(file, null, null, null), messages.Add);
            Assert.False(enrichment.HasCountry);
            Assert.Contains(messages, m => m.Contains(file, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
