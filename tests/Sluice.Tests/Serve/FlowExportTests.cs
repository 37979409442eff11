using System.Net;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The Prometheus app's flow export at its own URL (sflow-rt-api.md §2.1), with the seed's parameters: the InfluxDB
/// 2.0 article's third scraper and the Grafana article's country job, on demo traffic.
/// </summary>
public sealed class FlowExportTests
{
    private const string Path = "/app/prometheus/scripts/export.js/flows/ALL/txt";

    [Fact]
    public async Task Export_InfluxDbArticleUrl_AnswersWellFormedExpositionText()
    {
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        const string query = "?metric=flow_src_dst_bps&key=ipsource,ipdestination&value=bytes&aggMode=max&maxFlows=100&minValue=1000&scale=8";

        var first = await host.Http.GetStringAsync(Path + query, TestContext.Current.CancellationToken);
        var lines = await ScrapeUntilAsync(host, Path + query);

        // The first scrape defines the flow, as with sFlow-RT; demo samples decoded between the definition and the read
        // may already show, so it is held to the same format rather than to being empty.
        const string wellFormed = @"^flow_src_dst_bps\{ipsource=""[0-9a-f.:]+"",ipdestination=""[0-9a-f.:]+""\} [0-9.e+E]+$";
        Assert.All(first.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(wellFormed, l));
        Assert.InRange(lines.Length, 1, 100);
        Assert.All(lines, l => Assert.Matches(wellFormed, l));
        var values = lines.Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(values, v => Assert.True(v >= 8000, $"minValue 1000 before scale 8, got {v}"));
        Assert.Equal(values.OrderDescending(), values);
    }

    [Fact]
    public async Task Export_CountriesJob_LabelsByPositionAndNullDefaults()
    {
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"), ("prometheus:type", "yes"));
        const string query = "?metric=ip_countries_bps&key=null:[country:ipsource]:unknown&key=null:[country:ipdestination]:unknown" +
            "&label=src&label=dst&value=bytes&scale=8&aggMode=sum&minValue=1000&maxFlows=100";

        await host.Http.GetStringAsync(Path + query, TestContext.Current.CancellationToken);
        var lines = await ScrapeUntilAsync(host, Path + query, l => !l.Contains("src=\"unknown\"", StringComparison.Ordinal));

        Assert.Equal("# TYPE ip_countries_bps gauge", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^ip_countries_bps\{src=""([A-Z]{2}|unknown)"",dst=""([A-Z]{2}|unknown)""\} [0-9.e+E]+$", l));
        Assert.Contains(lines, l => l.StartsWith("ip_countries_bps{src=\"", StringComparison.Ordinal) && !l.Contains("src=\"unknown\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_MissingMetricOrBadKey_Is400()
    {
        await using var host = await ServeTestHost.StartAsync();

        using var noMetric = await host.Http.GetAsync(Path + "?key=ipsource&value=bytes", TestContext.Current.CancellationToken);
        using var badKey = await host.Http.GetAsync(Path + "?metric=m&key=ipsorce&value=bytes", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, noMetric.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Contains("ipsorce", await badKey.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<string[]> ScrapeUntilAsync(ServeTestHost host, string url, Func<string, bool>? wanted = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var text = await host.Http.GetStringAsync(url, TestContext.Current.CancellationToken);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Any(l => !l.StartsWith('#') && (wanted?.Invoke(l) ?? true)))
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, "no flows exported in time");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
