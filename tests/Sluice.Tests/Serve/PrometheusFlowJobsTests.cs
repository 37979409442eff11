using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Generator;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>
/// The seed's "Flow metrics with Prometheus and Grafana", end to end: <c>sluice generate</c> feeds <c>sluice serve</c>,
/// a real Prometheus runs the article's two flow jobs verbatim (<c>sflow-rt-src-dst-bps</c>, <c>sflow-rt-countries-bps</c>),
/// and the article's dashboard queries return the generator's true top sources and source countries, which the test
/// works out from the generator's traffic model.
/// </summary>
public sealed class PrometheusFlowJobsTests
{
    private const string Generate = "generate --agents 4 --interfaces 1 --hosts 0 --seed 7";

    [Fact]
    public async Task SeedFlowJobs_TopkQueries_ReturnTheGeneratorsTopSourcesAndCountries()
    {
        await using var host = await ServeTestHost.StartAsync();
        var target = host.Http.BaseAddress!.Authority;
        var sflowPort = host.Engine.Receiver!.LocalEndPoint.Port;
        await using var prometheus = await PrometheusServer.StartAsync($$"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: 'sflow-rt-src-dst-bps'
                metrics_path: /app/prometheus/scripts/export.js/flows/ALL/txt
                static_configs:
                  - targets: ['{{target}}']
                params:
                  metric: ['ip_src_dst_bps']
                  key: ['ipsource','ipdestination']
                  label: ['src','dst']
                  value: ['bytes']
                  scale: ['8']
                  minValue: ['1000']
                  maxFlows: ['100']
              - job_name: 'sflow-rt-countries-bps'
                metrics_path: /app/prometheus/scripts/export.js/flows/ALL/txt
                static_configs:
                  - targets: ['{{target}}']
                params:
                  metric: ['ip_countries_bps']
                  key: ['null:[country:ipsource]:unknown','null:[country:ipdestination]:unknown']
                  label: ['src','dst']
                  value: ['bytes']
                  scale: ['8']
                  aggMode: ['sum']
                  minValue: ['1000']
                  maxFlows: ['100']
            """);
        using var generator = SluiceProcess.StartShell($"exec {SluiceProcess.Command} {Generate} --duration 90 --target 127.0.0.1:{sflowPort}");

        // Let the flows (t = 15 s, the export's default) settle before reading the dashboard's queries.
        await prometheus.QueryUntilAsync("ip_src_dst_bps", 10);
        await prometheus.QueryUntilAsync("ip_countries_bps", 3);
        await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var sources = Ranked(await prometheus.QueryUntilAsync("topk(10, sum(ip_src_dst_bps) by (src))", 10));
        var countries = Ranked(await prometheus.QueryUntilAsync("topk(10,sum(ip_countries_bps{src!=\"unknown\"}) by (src))", 3));

        var fleet = new AgentFleet(new FleetOptions { Agents = 4, Interfaces = 1, Hosts = 0, Seed = 7 });
        var trueSources = TrueSources(fleet);
        var trueCountries = TrueSourceCountries(fleet);
        Assert.False(generator.HasExited, "the generator stopped early: " + generator.Errors);

        // The heaviest source is found, and every source Prometheus ranks is a real top source.
        Assert.Equal(trueSources[0], sources[0]);
        Assert.All(sources.Take(5), s => Assert.Contains(s, trueSources.Take(10)));
        Assert.All(trueSources.Take(3), s => Assert.Contains(s, sources));

        // Countries: the same order at the top, and no private or unplaceable source as a country.
        Assert.Equal(trueCountries.Take(3), countries.Take(3));
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c));
    }

    /// <summary>The <c>src</c> labels of a topk answer, largest first.</summary>
    private static string[] Ranked(JsonElement[] series) =>
        [.. series
            .OrderByDescending(s => double.Parse(s.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))
            .Select(s => s.GetProperty("metric").GetProperty("src").GetString()!)];

    /// <summary>Sources by true bits/s: each source,destination pair at its busiest agent (aggMode max), summed by source.</summary>
    private static string[] TrueSources(AgentFleet fleet)
    {
        var pairs = new Dictionary<(string Agent, string Source, string Destination), double>();
        foreach (var flow in fleet.ExpectedTraffic())
        {
            if (Ipv4Pair(flow.Header.Span) is var (source, destination))
            {
                var key = (flow.Agent.ToString(), source.ToString(), destination.ToString());
                pairs[key] = pairs.GetValueOrDefault(key) + flow.BytesPerSecond;
            }
        }

        return [.. pairs
            .GroupBy(p => (p.Key.Source, p.Key.Destination), p => p.Value)
            .Select(g => (g.Key.Source, Rate: g.Max()))
            .GroupBy(p => p.Source, p => p.Rate)
            .OrderByDescending(g => g.Sum())
            .Select(g => g.Key)];
    }

    /// <summary>Source countries by true bits/s over all agents (aggMode sum), from the DB-IP data the engine uses.</summary>
    private static string[] TrueSourceCountries(AgentFleet fleet)
    {
        var database = EnrichmentFiles.Locate().CountryDatabase;
        Assert.NotNull(database);
        using var lookup = MaxMindCountryLookup.Open(database);
        var countries = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var flow in fleet.ExpectedTraffic())
        {
            if (Ipv4Pair(flow.Header.Span) is var (source, _) && lookup.TryGetCountry(source.GetAddressBytes(), out var country))
            {
                countries[country] = countries.GetValueOrDefault(country) + flow.BytesPerSecond;
            }
        }

        return [.. countries.OrderByDescending(c => c.Value).Select(c => c.Key)];
    }

    /// <summary>Source and destination of an untagged Ethernet IPv4 header (IPv6 packets have no ipsource).</summary>
    private static (IPAddress Source, IPAddress Destination)? Ipv4Pair(ReadOnlySpan<byte> header) =>
        BinaryPrimitives.ReadUInt16BigEndian(header[12..]) == 0x0800
            ? (new IPAddress(header.Slice(26, 4)), new IPAddress(header.Slice(30, 4)))
            : null;
}
