using System.Net;
using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class CountryRangeTableTests
{
    private static readonly int Us = CountryIndex("US");
    private static readonly int De = CountryIndex("DE");

    [Fact]
    public void Find_NeighboursOfOneCountry_MergeIntoOneRange()
    {
        var table = CountryRangeTable.Build(
        [
            (IPAddress.Parse("10.0.0.0"), 24, Us),
            (IPAddress.Parse("10.0.1.0"), 24, Us),
            (IPAddress.Parse("10.0.2.0"), 23, De),
        ], TestContext.Current.CancellationToken);

        // A gap before, the US run, the DE network, the unknown rest.
        Assert.Equal(4, table.Ipv4RangeCount);
        Assert.Equal(Us, Find(table, "10.0.0.0"));
        Assert.Equal(Us, Find(table, "10.0.1.255"));
        Assert.Equal(De, Find(table, "10.0.2.0"));
        Assert.Equal(De, Find(table, "10.0.3.255"));
    }

    [Fact]
    public void Find_OutsideAnyNetwork_Unknown()
    {
        var table = CountryRangeTable.Build(
        [
            (IPAddress.Parse("10.0.0.0"), 24, Us),
            (IPAddress.Parse("10.0.8.0"), 24, De),
        ], TestContext.Current.CancellationToken);

        Assert.Equal(0, Find(table, "9.255.255.255"));
        Assert.Equal(0, Find(table, "10.0.1.0"));
        Assert.Equal(0, Find(table, "10.0.7.255"));
        Assert.Equal(0, Find(table, "10.0.9.0"));
        Assert.Equal(0, Find(table, "255.255.255.255"));
    }

    [Fact]
    public void Find_Ipv6AndMappedIpv4_EachFamilyItsOwnRanges()
    {
        var table = CountryRangeTable.Build(
        [
            (IPAddress.Parse("8.8.8.0"), 24, Us),
            (IPAddress.Parse("2001:db8::"), 32, De),
            (IPAddress.Parse("2001:dba::"), 32, Us),
        ], TestContext.Current.CancellationToken);

        // Gap, DE, gap, US, the unknown rest.
        Assert.Equal(5, table.Ipv6RangeCount);
        Assert.Equal(Us, Find(table, "::ffff:8.8.8.8"));
        Assert.Equal(De, Find(table, "2001:db8::1"));
        Assert.Equal(De, Find(table, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
        Assert.Equal(0, Find(table, "2001:db9::"));
        Assert.Equal(Us, Find(table, "2001:dba::1"));
        Assert.Equal(0, Find(table, "2001:dbb::"));
        Assert.Equal(0, Find(table, "2001:db7:ffff::"));
    }

    [Fact]
    public void Find_NetworkReachingTheTop_CoversTheLastAddress()
    {
        var table = CountryRangeTable.Build([(IPAddress.Parse("128.0.0.0"), 1, Us), (IPAddress.Parse("8000::"), 1, De)], TestContext.Current.CancellationToken);

        Assert.Equal(Us, Find(table, "255.255.255.255"));
        Assert.Equal(De, Find(table, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        Assert.Equal(0, Find(table, "127.255.255.255"));
    }

    [Fact]
    public void Find_BadLength_Unknown()
    {
        var table = CountryRangeTable.Build([(IPAddress.Parse("0.0.0.0"), 0, Us)], TestContext.Current.CancellationToken);

        Assert.Equal(Us, Find(table, "1.2.3.4"));
        Assert.Equal(0, table.Find([1, 2, 3]));
    }

    [Fact]
    public void Build_OverlappingNetworks_Throws()
    {
        Assert.Throws<InvalidDataException>(() => CountryRangeTable.Build(
        [
            (IPAddress.Parse("10.0.0.0"), 16, Us),
            (IPAddress.Parse("10.0.1.0"), 24, De),
        ], TestContext.Current.CancellationToken));
    }

    private static int Find(CountryRangeTable table, string address) => table.Find(IPAddress.Parse(address).GetAddressBytes());

    private static int CountryIndex(string code) => CountryCodes.IndexOf(CountryCodes.Intern(code));
}
