using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowTableTests
{
    [Fact]
    public void Add_ConstantRate_ConvergesToTrueRate()
    {
        // 100 events a second of 1500 bytes × sampling rate 10 = 1,500,000 bytes/s, for 20 s with t = 2 s.
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        long now = 0;
        for (var i = 0; i < 2000; i++)
        {
            now = i * 10L;
            table.Add("10.0.0.1,10.0.0.2", 1500 * 10, now);
        }

        var top = table.Top(5, now);
        Assert.Single(top);
        Assert.Equal("10.0.0.1,10.0.0.2", top[0].Key);
        Assert.InRange(top[0].Value, 1_500_000 * 0.95, 1_500_000 * 1.05);
        Assert.InRange(table.Total(now), 1_500_000 * 0.95, 1_500_000 * 1.05);
    }

    [Fact]
    public void Entering_IngressAndEgressSamples_KeepsTheIngressShareOfSums()
    {
        var table = new FlowTable(10, 2, [FlowValueKind.Sum, FlowValueKind.Sum, FlowValueKind.Maximum], 0);
        FlowMeasure[] big = [FlowMeasure.Of(1000), FlowMeasure.Of(1), FlowMeasure.Of(1000)];
        FlowMeasure[] small = [FlowMeasure.Of(100), FlowMeasure.Of(1), FlowMeasure.Of(100)];
        table.Add("in-and-out", big, 10, 0, entering: true);
        table.Add("in-and-out", small, 10, 0, entering: false);
        table.Add("out-only", big, 10, 0, entering: false);

        var all = table.All(0);
        var entering = Assert.Single(table.Entering(0));

        Assert.Equal((1000 + 100) * 10 / 2.0, all.Single(r => r.Key == "in-and-out").Value, 9);
        Assert.Equal(("in-and-out", 1000 * 10 / 2.0), (entering.Key, entering.Value));
        Assert.Equal(10 / 2.0, entering.Values![0], 9); // frames entering
        Assert.Equal(1000, entering.Values[1]); // max: not a share, the one value
        Assert.Equal((1000 + 100 + 1000) * 10 / 2.0, table.Total(0), 9);
        Assert.Equal(1000 * 10 / 2.0, table.EnteringTotal(0), 9);
        Assert.Equal(table.EnteringTotal(0) * Math.Exp(-1), table.EnteringTotal(2000), 9);
    }

    [Fact]
    public void Entering_EvictedKeyReplaced_NewKeyStartsWithoutAnIngressShare()
    {
        var table = new FlowTable(1, 2);
        table.Add("first", [FlowMeasure.Of(10)], 1, 0, entering: true);
        table.Add("second", [FlowMeasure.Of(100)], 1, 0, entering: false);

        Assert.Equal("second", Assert.Single(table.All(0)).Key);
        Assert.Empty(table.Entering(0));
    }

    [Fact]
    public void Top_AfterSilence_DecaysExponentially()
    {
        var table = new FlowTable(10, 2);
        for (var i = 0; i < 2000; i++)
        {
            table.Add("a", 100, i * 10L);
        }

        var before = table.Top(1, 19_990)[0].Value;
        var after = table.Top(1, 21_990)[0].Value;
        Assert.Equal(before * Math.Exp(-1), after, before * 1e-9);
    }

    [Fact]
    public void Add_FloodOfRandomKeys_KeepsHeavyHittersWithBoundedCount()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        var random = new Random(42);
        long now = 0;
        for (var i = 0; i < 100_000; i++)
        {
            now = i / 10L; // 10,000 events a second for 10 s
            table.Add($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}", 100, now);
            if (i % 10 == 0)
            {
                table.Add("heavy-1", 10_000, now);
            }

            if (i % 20 == 0)
            {
                table.Add("heavy-2", 10_000, now);
            }
        }

        Assert.True(table.Count <= table.Capacity);
        Assert.Equal(FlowTable.CapacityFor(5), table.Capacity);
        var top = table.Top(2, now);
        Assert.Equal("heavy-1", top[0].Key);
        Assert.Equal("heavy-2", top[1].Key);
        Assert.InRange(top[0].Value, 10_000_000 * 0.95, 10_000_000 * 1.05); // 1,000 events/s × 10,000
        Assert.InRange(top[1].Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
    }

    [Fact]
    public void Add_RepeatedKeys_AllocatesNothing()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        var keys = new[] { "10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4", "10.0.0.5,10.0.0.6" };
        var buffer = new char[64];
        void Add(int i)
        {
            var key = keys[i % keys.Length];
            key.CopyTo(buffer);
            table.Add(buffer.AsSpan(0, key.Length), 1500, i);
        }

        for (var i = 0; i < 1000; i++)
        {
            Add(i);
        }

        SteadyState.AssertAllocatesNothing(30_000, i => Add(1000 + i));
    }

    [Fact]
    public void Add_LongRun_RescalesWithoutOverflow()
    {
        var table = new FlowTable(10, 0.1);
        long now = 0;
        for (var i = 0; i < 100_000; i++)
        {
            now = i * 10L; // 1,000 s with t = 0.1 s: exp(Δt/t) would overflow without rescaling
            table.Add("a", 1, now);
        }

        var rate = table.Top(1, now)[0].Value;
        Assert.True(double.IsFinite(rate));
        // Read just after an event, with events 0.1 t apart: 10 / (1 - e^-0.1) ≈ 105.1, the usual sawtooth peak.
        Assert.InRange(rate, 95, 106);
    }

    private static readonly FlowValueKind[] AllKinds =
        [FlowValueKind.Sum, FlowValueKind.Count, FlowValueKind.Average, FlowValueKind.Minimum, FlowValueKind.Maximum];

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(8, 0.0)] // the exact set's size: no error
    [InlineData(9, 0.05)] // first value in the sketch: linear counting
    [InlineData(50, 0.14)] // 3 × linear counting's 4.6%
    [InlineData(1_000, 0.2)] // 3 × HyperLogLog's 6.5%
    [InlineData(20_000, 0.2)]
    public void Add_CountValue_DistinctValuesWithinStatedError(int distinct, double error)
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2, AllKinds);
        for (var i = 0; i < distinct * 3; i++)
        {
            // Every source three times, over 1.5 s: one window and a half of t = 2 s at most.
            Add(table, "victim", i * 1500L / (distinct * 3), 10, FlowMeasure.Of(100), Source(i % distinct), FlowMeasure.Of(100), FlowMeasure.Of(100), FlowMeasure.Of(100));
        }

        var count = Assert.Single(table.All(1_600)).Values![0];
        Assert.InRange(count, distinct * (1 - error), distinct * (1 + error));
    }

    [Fact]
    public void Read_CountValue_CoversCurrentAndPreviousWindowOnly()
    {
        var table = new FlowTable(10, 2, [FlowValueKind.Sum, FlowValueKind.Count]);
        for (var i = 0; i < 5; i++)
        {
            Add(table, "k", 100, 1, FlowMeasure.Of(1), Source(i)); // window 0 (0-2 s): sources 0-4
        }

        for (var i = 3; i < 6; i++)
        {
            Add(table, "k", 2_100, 1, FlowMeasure.Of(1), Source(i)); // window 1 (2-4 s): sources 3-5
        }

        Assert.Equal(6, table.All(2_200)[0].Values![0]); // 0-5 over both windows
        Assert.Equal(3, table.All(4_100)[0].Values![0]); // window 0 has aged out: 3-5
        Assert.Equal(0, table.All(6_100)[0].Values![0]); // no sample in the last two windows
    }

    [Fact]
    public void Read_CountValueInSketch_ForgetsOldWindows()
    {
        var table = new FlowTable(10, 1, [FlowValueKind.Sum, FlowValueKind.Count]);
        for (var i = 0; i < 2_000; i++)
        {
            Add(table, "k", 500, 1, FlowMeasure.Of(1), Source(i)); // window 0: 2,000 sources
        }

        for (var i = 0; i < 100; i++)
        {
            Add(table, "k", 1_500, 1, FlowMeasure.Of(1), Source(10_000 + i)); // window 1: 100 others
        }

        Assert.InRange(table.All(1_600)[0].Values![0], 2_100 * 0.8, 2_100 * 1.2);
        Assert.InRange(table.All(2_500)[0].Values![0], 100 * 0.86, 100 * 1.14);
        Add(table, "k", 5_000, 1, FlowMeasure.Of(1), Source(7)); // window 5: the old windows are gone
        Assert.Equal(1, table.All(5_000)[0].Values![0]);
    }

    [Fact]
    public void Read_AverageValue_WeighsBySamplingRateAndDecays()
    {
        var table = new FlowTable(10, 2, [FlowValueKind.Sum, FlowValueKind.Average]);
        Add(table, "k", 1_000, 1, FlowMeasure.Of(1), FlowMeasure.Of(100));
        Add(table, "k", 1_000, 3, FlowMeasure.Of(1), FlowMeasure.Of(400));
        Assert.Equal((100 + (3 * 400)) / 4.0, table.All(1_000)[0].Values![0], 9);

        // 10 s at 100, then 10 s at 1,000 (one sample per 10 ms): the old level weighs exp(-10 / 2) ≈ 0.7%.
        var later = new FlowTable(10, 2, [FlowValueKind.Sum, FlowValueKind.Average]);
        for (var i = 0; i < 2_000; i++)
        {
            Add(later, "k", i * 10L, 1, FlowMeasure.Of(1), FlowMeasure.Of(i < 1_000 ? 100 : 1_000));
        }

        Assert.InRange(later.All(19_990)[0].Values![0], 990, 1_000);
        Assert.Equal(0, later.All(19_990 + 4_000)[0].Values![0]); // no sample for two windows
    }

    [Fact]
    public void Read_MinimumAndMaximum_OverTheLastTwoWindows()
    {
        var table = new FlowTable(10, 2, [FlowValueKind.Sum, FlowValueKind.Minimum, FlowValueKind.Maximum]);
        foreach (var (time, value) in new (long, double)[] { (100, 500), (900, 40), (1_900, 1_500), (2_500, 700) })
        {
            Add(table, "k", time, 100, FlowMeasure.Of(1), FlowMeasure.Of(value), FlowMeasure.Of(value));
        }

        Assert.Equal([40, 1_500], table.All(3_000)[0].Values!); // windows 0 and 1
        Assert.Equal([700, 700], table.All(4_500)[0].Values!); // window 0 has aged out
        Assert.Equal([0, 0], table.All(6_500)[0].Values!);
    }

    [Fact]
    public void Top_WithValues_ReportsThemInDefinitionOrder()
    {
        var table = new FlowTable(10, 2, AllKinds);
        Add(table, "k", 1_000, 10, FlowMeasure.Of(1_000), Source(1), FlowMeasure.Of(60), FlowMeasure.Of(60), FlowMeasure.Of(60));
        Add(table, "k", 1_000, 10, FlowMeasure.Of(1_000), Source(2), FlowMeasure.Of(1_500), FlowMeasure.Of(1_500), FlowMeasure.Of(1_500));

        var row = Assert.Single(table.Top(5, 1_000));

        Assert.Equal(2 * 1_000 * 10 / 2.0, row.Value); // two samples of 1,000 bytes × 10 over t = 2 s
        Assert.Equal([2, 780, 60, 1_500], row.Values!);
        Assert.True(table.TryGet("k", 1_000, out var same));
        Assert.Equal(row.Values, same.Values);
        Assert.False(table.TryGet("other", 1_000, out _));
    }

    [Fact]
    public void Add_FullTableWithMaximumValue_EvictsSmallestMaximum()
    {
        var table = new FlowTable(2, 2, [FlowValueKind.Maximum, FlowValueKind.Sum]);
        Add(table, "small", 100, 1, FlowMeasure.Of(10), FlowMeasure.Of(1_000_000));
        Add(table, "large", 100, 1, FlowMeasure.Of(100), FlowMeasure.Of(1));
        Add(table, "middle", 200, 1, FlowMeasure.Of(50), FlowMeasure.Of(1));

        // Ordered and evicted by value (the maximum), not by the large sum among the values.
        Assert.Equal(["large", "middle"], table.Top(5, 200).Select(r => r.Key));
        Assert.Equal([100.0, 50.0], table.Top(5, 200).Select(r => r.Value));
    }

    [Fact]
    public void Add_FullTableWithCountValue_KeepsKeysWithMostDistinctValues()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2, [FlowValueKind.Count]);
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            var now = i / 25L; // 2 s
            Add(table, $"noise-{random.Next(100_000)}", now, 1, Source(random.Next()));
            Add(table, "scanned", now, 1, Source(i % 300)); // 300 sources
            Add(table, "busy", now, 1, Source(i % 30)); // 30 sources
        }

        var top = table.Top(2, 2_000);
        Assert.Equal(["scanned", "busy"], top.Select(r => r.Key));
        Assert.InRange(top[0].Value, 300 * 0.86, 300 * 1.14);
        Assert.InRange(top[1].Value, 30 * 0.9, 30 * 1.1);
        Assert.True(table.Count <= table.Capacity);
    }

    [Fact]
    public void Add_WithValuesInSteadyState_AllocatesNothing()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2, AllKinds);
        var keys = new[] { "a", "b", "c" };
        var measures = new FlowMeasure[5];
        void Add(int i)
        {
            measures[0] = FlowMeasure.Of(1_500);
            measures[1] = FlowMeasure.Distinct((ulong)(i % 50) * 0x9E3779B97F4A7C15); // past the exact set: sketches
            measures[2] = measures[3] = measures[4] = FlowMeasure.Of(i % 1_500);
            table.Add(keys[i % keys.Length], measures, 100, i);
        }

        for (var i = 0; i < 10_000; i++)
        {
            Add(i);
        }

        SteadyState.AssertAllocatesNothing(30_000, i => Add(10_000 + i));
    }

    private static FlowMeasure Source(int i) => FlowMeasure.Distinct(FlowHash.Of($"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}"));

    private static void Add(FlowTable table, string key, long now, double scale, params FlowMeasure[] measures) =>
        table.Add(key, measures, scale, now);
    [Fact]
    public void Add_SingleSumValue_SameSumsAsTheGenericColumns()
    {
        // One sum column takes a shortcut; a second column forces the generic path, whose first value must agree to the bit.
        var single = new FlowTable(8, 2, [FlowValueKind.Sum]);
        var generic = new FlowTable(8, 2, [FlowValueKind.Sum, FlowValueKind.Sum]);
        var random = new Random(7);
        long now = 0;
        for (var i = 0; i < 5_000; i++)
        {
            now += random.Next(3); // several adds share a millisecond, as the samples of one datagram do
            var key = $"k{random.Next(20)}";
            var measure = FlowMeasure.Of(random.Next(64, 1500));
            var scale = random.Next(1, 5000);
            var entering = random.Next(3) > 0;
            single.Add(key, [measure], scale, now, entering);
            generic.Add(key, [measure, measure], scale, now, entering);
        }

        Assert.Equal(generic.All(now).Select(r => (r.Key, r.Value)), single.All(now).Select(r => (r.Key, r.Value)));
        Assert.Equal(generic.Entering(now).Select(r => (r.Key, r.Value)), single.Entering(now).Select(r => (r.Key, r.Value)));
        Assert.Equal(generic.Total(now), single.Total(now));
        Assert.Equal(generic.EnteringTotal(now), single.EnteringTotal(now));
    }

    [Fact]
    public void Add_SameMillisecondAfterTheLandmarkMoves_CountsAtTheNewLandmark()
    {
        var table = new FlowTable(10, 0.1);
        table.Add("a", 1, 0);
        table.Add("a", 1, 30_000); // 300 time constants later: the landmark moves
        table.Add("a", 1, 30_000);
        var expected = new FlowTable(10, 0.1, startMs: 30_000);
        expected.Add("a", 2, 30_000);

        Assert.Equal(expected.Top(1, 30_000)[0].Value, table.Top(1, 30_000)[0].Value, 9);
        Assert.Equal(20, table.Total(30_000), 9); // 2 × 1 / t
        Assert.Equal(20 * Math.Exp(-1), table.Total(30_100), 9);
    }
}
