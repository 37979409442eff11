using System.Text.Json;
using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Metrics;

public sealed class MetricQueryTests
{
    private const long T0 = 1_700_000_000_000;

    /// <summary>Five hosts with load_one 1, 2, 3, 4, 10 (cpu_num 1) and names web-1.example … db-5, updated 1 s apart.</summary>
    private static CounterStore Hosts()
    {
        var store = new CounterStore();
        float[] loads = [1, 2, 3, 4, 10];
        string[] names = ["web-1.example", "web-2.example", "app-3", "app-4", "db-5"];
        for (var i = 0; i < loads.Length; i++)
        {
            store.Decode(
                Sample(2, (uint)(i + 1), HostDescription(names[i], osName: i == 4 ? 3u : 2u), HostCpu(loads[i], 1, [0, 0, 0, 0, 0, 0, 0, 0])),
                T0 + (i * 1000));
        }

        return store;
    }

    private static MetricStatistic One(CounterStore store, string spec, MetricFilter? filter = null) =>
        Assert.Single(MetricQuery.Statistics(store.Sources, [spec], filter, T0 + 10_000));

    private static MetricFilter Filter(params (string Name, string[] Patterns)[] terms) =>
        new(terms.Select(t => new KeyValuePair<string, IEnumerable<string>>(t.Name, t.Patterns)));

    [Theory]
    [InlineData("load_one", 10)]
    [InlineData("max:load_one", 10)]
    [InlineData("min:load_one", 1)]
    [InlineData("sum:load_one", 20)]
    [InlineData("avg:load_one", 4)]
    [InlineData("var:load_one", 10)] // population: (9 + 4 + 1 + 0 + 36) / 5
    [InlineData("med:load_one", 3)]
    [InlineData("q1:load_one", 2)]
    [InlineData("q2:load_one", 3)]
    [InlineData("q3:load_one", 4)]
    [InlineData("iqr:load_one", 2)]
    public void Statistics_EveryAggregation_ValueOverKnownSet(string spec, double expected)
    {
        var statistic = One(Hosts(), spec);

        Assert.Equal(expected, (double)statistic.MetricValue!, 9);
        Assert.Equal(5, statistic.MetricN);
        Assert.Equal(spec, statistic.MetricName);
    }

    [Fact]
    public void Statistics_Sdev_SquareRootOfVariance()
    {
        Assert.Equal(Math.Sqrt(10), (double)One(Hosts(), "sdev:load_one").MetricValue!, 9);
    }

    [Fact]
    public void Statistics_Max_NamesTheWinnerAndAges()
    {
        var statistic = One(Hosts(), "max:load_one");

        Assert.Equal("192.0.2.1", statistic.Agent);
        Assert.Equal("2.5", statistic.DataSource);
        Assert.Equal(6000, statistic.LastUpdate);
        Assert.Equal(6000, statistic.LastUpdateMin);
        Assert.Equal(10_000, statistic.LastUpdateMax);
    }

    [Fact]
    public void Statistics_Med_CarriesQuartiles()
    {
        var quartiles = One(Hosts(), "med:load_one").Quartiles;

        Assert.Equal(new MetricQuartiles(1, 2, 3, 4, 10), quartiles);
    }

    [Fact]
    public void Statistics_AnyAndMaxOnStrings_ReturnStrings()
    {
        var store = Hosts();

        Assert.Equal("web-1.example", One(store, "any:host_name").MetricValue);
        Assert.Equal("web-2.example", One(store, "max:host_name").MetricValue);
        Assert.Equal(0, One(store, "sum:host_name").MetricN);
    }

    [Fact]
    public void Statistics_DataSourcePrefix_PicksOneDataSource()
    {
        var statistic = One(Hosts(), "2.3.load_one");

        Assert.Equal(3.0, statistic.MetricValue);
        Assert.Equal(1, statistic.MetricN);
    }

    [Fact]
    public void Statistics_NoMatch_MetricNZeroAndNoValue()
    {
        var statistic = One(Hosts(), "ifinoctets");

        Assert.Equal(0, statistic.MetricN);
        Assert.Null(statistic.MetricValue);
        Assert.Equal("""{"metricName":"ifinoctets","metricN":0}""", JsonSerializer.Serialize(statistic));
    }

    [Fact]
    public void Statistics_Json_SflowRtFieldNames()
    {
        var json = JsonSerializer.Serialize(One(Hosts(), "max:load_one"));

        Assert.Equal(
            """{"agent":"192.0.2.1","dataSource":"2.5","metricName":"max:load_one","metricValue":10,"metricN":5,"lastUpdate":6000,"lastUpdateMin":6000,"lastUpdateMax":10000}""",
            json);
    }

    [Fact]
    public void Statistics_FilterWithWildcardsAndAlternatives_RestrictsDataSources()
    {
        var store = Hosts();

        Assert.Equal(3.0, One(store, "sum:load_one", Filter(("host_name", ["*web*"]))).MetricValue);
        Assert.Equal(2.0, One(store, "max:load_one", Filter(("host_name", ["web-?.example"]))).MetricValue);
        Assert.Equal(11.0, One(store, "sum:load_one", Filter(("host_name", ["web-1.example", "db-*"]))).MetricValue);
        Assert.Equal(10.0, One(store, "sum:load_one", Filter(("os_name", ["linux"]))).MetricValue);
        Assert.Equal(7.0, One(store, "sum:load_one", Filter(("os_name", ["linux"]), ("host_name", ["app-*"]))).MetricValue);
        Assert.Equal(4.0, One(store, "sum:load_one", Filter(("load_one", ["4"]))).MetricValue);
        Assert.Equal(0, One(store, "sum:load_one", Filter(("ifspeed", ["*"]))).MetricN);
    }

    [Fact]
    public void Table_SortDescendingWithLimit_TopRows()
    {
        var rows = MetricQuery.Table(Hosts().Sources, ["sort:load_one:-2", "host_name"], null, T0 + 10_000);

        Assert.Equal(2, rows.Count);
        Assert.Equal(10.0, rows[0][0].Value);
        Assert.Equal("db-5", rows[0][1].Value);
        Assert.Equal(4.0, rows[1][0].Value);
        Assert.Equal("load_one", rows[0][0].MetricName);
        Assert.Equal("2.4", rows[1][1].DataSource);
    }

    [Fact]
    public void Table_SortAscending_SmallestFirst()
    {
        var rows = MetricQuery.Table(Hosts().Sources, ["sort:load_one:3"], null, T0 + 10_000);

        Assert.Equal([1.0, 2.0, 3.0], rows.Select(r => (double)r[0].Value));
    }

    [Fact]
    public void Table_RowsNeedEveryMetric()
    {
        var store = Hosts();
        store.Decode(Sample(0, 9, Interface(new InterfaceCounters())), T0);

        Assert.Single(MetricQuery.Table(store.Sources, ["ifspeed", "iftype"], null, T0));
        Assert.Equal(5, MetricQuery.Table(store.Sources, ["load_one"], null, T0).Count);
        Assert.Empty(MetricQuery.Table(store.Sources, ["load_one", "ifspeed"], null, T0));
    }

    [Fact]
    public void Dump_NamedAndAll_FlatMetricList()
    {
        var store = Hosts();

        var named = MetricQuery.Dump(store.Sources, ["host_name"], Filter(("os_name", ["windows"])), T0 + 10_000);
        var all = MetricQuery.Dump(store.Sources, ["ALL"], null, T0 + 10_000);

        var only = Assert.Single(named);
        Assert.Equal(new MetricValue("192.0.2.1", "2.5", "host_name", "db-5", 6000), only);
        Assert.Contains(all, m => m.MetricName == "load_one_per_cpu" && m.DataSource == "2.1");
        Assert.DoesNotContain(all, m => m.MetricName.StartsWith('.'));
        Assert.Equal(
            """{"agent":"192.0.2.1","dataSource":"2.5","metricName":"host_name","metricValue":"db-5","lastUpdate":6000}""",
            JsonSerializer.Serialize(only));
    }

    [Fact]
    public void AgentValues_KeysAreDataSourceDotMetric()
    {
        var values = MetricQuery.AgentValues(Hosts().Sources);

        Assert.Equal(1.0, values["2.1.load_one"]);
        Assert.Equal("db-5", values["2.5.host_name"]);
    }

    [Fact]
    public void LastSeen_MetricNameToNewestAge()
    {
        var seen = MetricQuery.LastSeen(Hosts().Sources, T0 + 10_000);

        Assert.Equal(6000, seen["load_one"]);
        Assert.False(seen.ContainsKey("ifinoctets"));
    }

    [Fact]
    public void Stale_NoUpdateWithinMaxAge_Listed()
    {
        var stale = MetricQuery.Stale(Hosts().Sources, T0 + 10_000, 8_500);

        Assert.Equal(["2.1", "2.2"], stale.Select(s => s.DataSource).Order());
    }

    [Theory]
    [InlineData("*web.*", "myweb.example", true)]
    [InlineData("*web.*", "web-1", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("**a**b**", "xxaxxbxx", true)]
    [InlineData("", "", true)]
    [InlineData("abc", "abcd", false)]
    public void WildcardPattern_Glob_Matches(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text));
    }

    [Fact]
    public void WildcardPattern_PathologicalPattern_FinishesQuickly()
    {
        var text = new string('a', 20_000);
        var pattern = string.Concat(Enumerable.Repeat("*a", 50)) + "b";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(WildcardPattern.IsMatch(pattern, text));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 2000);
    }

    [Fact]
    public void MetricSpec_Parse_PrefixDataSourceName()
    {
        Assert.Equal(new MetricSpec("avg:2.1.load_one", MetricAggregation.Avg, "2.1", "load_one"), MetricSpec.Parse("avg:2.1.load_one"));
        Assert.Equal(new MetricSpec("15.ifname", MetricAggregation.Max, "15", "ifname"), MetricSpec.Parse("15.ifname"));
        Assert.Throws<FormatException>(() => MetricSpec.Parse("top:load_one"));
    }
}
