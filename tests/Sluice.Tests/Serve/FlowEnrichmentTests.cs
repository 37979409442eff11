using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The SC19 dashboard's country flow, end to end in <c>sluice serve --demo</c>: the demo fleet sends traffic from
/// real public ranges, and <c>null:[country:ipsource]:unknown</c> names their countries from the DB-IP data.
/// </summary>
public sealed class FlowEnrichmentTests
{
    [Fact]
    public async Task ActiveFlows_CountryKeyOnDemoTraffic_NamesCountries()
    {
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        using var put = await host.Http.PutAsJsonAsync(
            "/flow/countries/json",
            new { keys = "null:[country:ipsource]:unknown,null:[asn:ipsource]:unknown", value = "bytes", t = 2 },
            TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, put.StatusCode);

        string[] keys = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var flows = JsonDocument.Parse(await host.Http.GetStringAsync("/activeflows/ALL/countries/json?maxFlows=50", TestContext.Current.CancellationToken));
            keys = flows.RootElement.EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToArray();
            if (keys.Any(k => k.Split(',')[0] is { Length: 2 } code && code.All(char.IsAsciiLetterUpper)))
            {
                break;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        // The demo's public sources come from US, DE, GB, FR, JP, CN ... blocks; its inside hosts are RFC 1918 (unknown).
        var countries = keys.Select(k => k.Split(',')[0]).Where(c => c != "unknown").ToArray();
        Assert.NotEmpty(countries);
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c));
        Assert.Contains(keys, k => k.Split(',') is [var country, var asn] && country != "unknown" && asn != "unknown" && uint.TryParse(asn, out _));
    }
}
