using System.Net;
using Sluice.Engine.Bgp.Rib;
using Sluice.Engine.Bgp.Wire;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

public sealed class BgpRibInTests
{
    [Fact]
    public void Lookup_NestedPrefixes_ReturnsLongestMatch()
    {
        var rib = new BgpRibIn(100);
        rib.Apply(Announce(["10.0.0.0/8", "10.1.0.0/16", "0.0.0.0/0", "2001:db8::/32"], 65001, 65002));

        Assert.Equal("10.1.0.0/16", rib.Lookup(IPAddress.Parse("10.1.2.3"))!.Prefix.ToString());
        Assert.Equal("10.0.0.0/8", rib.Lookup(IPAddress.Parse("10.2.0.1"))!.Prefix.ToString());
        Assert.Equal("0.0.0.0/0", rib.Lookup(IPAddress.Parse("192.0.2.1"))!.Prefix.ToString());
        Assert.Equal("2001:db8::/32", rib.Lookup(IPAddress.Parse("2001:db8::1"))!.Prefix.ToString());
        Assert.Null(rib.Lookup(IPAddress.Parse("2001:db9::1")));
        Assert.Equal("65001-65002", rib.Lookup(IPAddress.Parse("10.1.2.3"))!.Attributes.AsPathText);
    }

    [Fact]
    public void Apply_Withdrawal_RemovesPrefixAndFallsBackToCovering()
    {
        var rib = new BgpRibIn(100);
        rib.Apply(Announce(["10.0.0.0/8", "10.1.0.0/16"], 65001));

        rib.Apply(new BgpUpdate { Withdrawn = [IPNetwork.Parse("10.1.0.0/16")] });

        Assert.Equal("10.0.0.0/8", rib.Lookup(IPAddress.Parse("10.1.2.3"))!.Prefix.ToString());
        Assert.Equal((1, 2L, 1L), (rib.Count, rib.Added, rib.Removed));
    }

    [Fact]
    public void Apply_BeyondMaxPrefixes_CountsAndDropsButReplacesKnown()
    {
        var rib = new BgpRibIn(2);
        rib.Apply(Announce(["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16"], 65001));
        rib.Apply(Announce(["10.0.0.0/8"], 65009));

        Assert.Equal(2, rib.Count);
        Assert.Equal(1, rib.Dropped);
        Assert.Equal("10.0.0.0/8", rib.Lookup(IPAddress.Parse("10.2.0.1"))!.Prefix.ToString());
        Assert.Equal("65009", rib.Lookup(IPAddress.Parse("10.3.0.1"))!.Attributes.AsPathText);
    }

    [Fact]
    public void Clear_SessionDown_EmptiesTable()
    {
        var rib = new BgpRibIn(100);
        rib.Apply(Announce(["10.0.0.0/8", "2001:db8::/32"], 65001));

        rib.Clear();

        Assert.Equal(0, rib.Count);
        Assert.Null(rib.Lookup(IPAddress.Parse("10.0.0.1")));
        Assert.Equal(2, rib.Removed);
    }

    [Fact]
    public void LookupAll_ManyRoutes_AllocatesNothingPerLookup()
    {
        var rib = new BgpRibIn(100_000);
        rib.Apply(Announce([.. Enumerable.Range(0, 50_000).Select(i => $"10.{i >> 8 & 0xFF}.{i & 0xFF}.0/24"), "10.0.0.0/8", "0.0.0.0/0"], 65001));
        IPAddress[] addresses = [.. Enumerable.Range(0, 1_000).Select(i => IPAddress.Parse($"10.{i % 195}.{i % 250}.{i % 7}"))];
        var found = new BgpLearnedRoute?[addresses.Length];
        rib.LookupAll(addresses, found); // warm up

        SteadyState.AssertAllocatesNothing(100, _ => rib.LookupAll(addresses, found));
        Assert.All(found, r => Assert.Equal(24, r!.Prefix.PrefixLength));
    }

    private static BgpUpdate Announce(string[] prefixes, params uint[] asPath) => new()
    {
        Announced = [.. prefixes.Select(IPNetwork.Parse)],
        AsPath = asPath,
        NextHop = IPAddress.Parse("192.0.2.1"),
    };
}
