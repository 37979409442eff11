using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Flows;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

/// <summary>
/// The flow table under churn: which key a new one evicts, keys longer than any before, and no allocation when
/// every sample brings a new key into a full table.
/// </summary>
public sealed class FlowTableEvictionTests
{
    // The sum-only fast path, sums with other values (the heap), and values that are not sums (the scan).
    private static readonly FlowValueKind[][] ValueKinds =
    [
        [FlowValueKind.Sum],
        [FlowValueKind.Sum, FlowValueKind.Sum, FlowValueKind.Maximum],
        [FlowValueKind.Count, FlowValueKind.Sum],
        [FlowValueKind.Average],
    ];

    [Fact]
    public void Add_FullTable_EvictsTheSmallestValueEachTime()
    {
        var table = new FlowTable(3, 2);
        table.Add("a", 10, 0);
        table.Add("b", 20, 0);
        table.Add("c", 30, 0);

        table.Add("d", 5, 0); // evicts a (10)
        table.Add("d", 20, 0); // d is 25 now
        table.Add("e", 1, 0); // evicts b (20), not d

        Assert.Equal(["c", "d", "e"], table.All(0).Select(r => r.Key));
        Assert.Equal([30, 25, 1], table.All(0).Select(r => r.Value * 2));
    }

    [Fact]
    public void Add_RandomStreamIntoSmallTable_KeepsTheKeysOfAReferenceThatEvictsTheMinimum()
    {
        Prop.ForAll(
                Gen.ListOf(Gen.Zip(Gen.Choose(0, 30), Gen.Choose(1, 1_000_000))).ToArbitrary(),
                samples =>
                {
                    const int capacity = 8;
                    var table = new FlowTable(capacity, 1);
                    var model = new Dictionary<string, double>();
                    foreach (var (key, number) in samples)
                    {
                        // Distinct weights per key, so sums practically never tie and the evicted key is unambiguous.
                        var weight = number * (1 + (key * 1e-7));
                        var text = $"key-{key}";
                        if (!model.ContainsKey(text) && model.Count == capacity)
                        {
                            model.Remove(model.MinBy(p => p.Value).Key);
                        }

                        model[text] = model.GetValueOrDefault(text) + weight;
                        table.Add(text, weight, 0);
                    }

                    var held = table.All(0).ToDictionary(r => r.Key, r => r.Value);
                    Assert.Equal(model.Keys.Order(), held.Keys.Order());
                    foreach (var (key, value) in model)
                    {
                        Assert.Equal(value, held[key], value * 1e-12);
                    }

                    return true;
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Add_KeyLongerThanAnySeen_KeepsEveryKeyFindable()
    {
        var table = new FlowTable(10, 2);
        for (var i = 0; i < 5; i++)
        {
            table.Add($"10.0.0.{i}", 100 + i, 0);
        }

        var longKey = string.Join(',', Enumerable.Range(0, 300).Select(i => $"field{i}"));
        table.Add(longKey, 1000, 0);
        table.Add("10.0.0.5", 1, 0);

        Assert.True(table.TryGet(longKey, 0, out var rate));
        Assert.Equal((longKey, 500.0), (rate.Key, rate.Value));
        for (var i = 0; i < 6; i++)
        {
            Assert.True(table.TryGet($"10.0.0.{i}", 0, out rate));
            Assert.Equal($"10.0.0.{i}", rate.Key);
        }

        Assert.Equal(longKey, table.Top(1, 0)[0].Key);
    }

    [Fact]
    public void TryGet_EvictedKey_NotFoundAndItsSlotServesTheNewKey()
    {
        var table = new FlowTable(2, 2);
        table.Add("small", 1, 0);
        table.Add("large", 100, 0);
        table.Add("newcomer", 50, 0);

        Assert.False(table.TryGet("small", 0, out _));
        Assert.True(table.TryGet("newcomer", 0, out var rate));
        Assert.Equal(25, rate.Value);
        Assert.Equal(2, table.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Add_FullTableAlwaysNewKeys_AllocatesNothing(int kindsIndex)
    {
        var kinds = ValueKinds[kindsIndex];
        var table = new FlowTable(FlowTable.CapacityFor(10), 2, kinds);
        var buffer = new char[32];
        var measures = new FlowMeasure[kinds.Length];
        void Add(int i)
        {
            "10.".CopyTo(buffer);
            i.TryFormat(buffer.AsSpan(3), out var written);
            for (var k = 0; k < measures.Length; k++)
            {
                measures[k] = FlowMeasure.Of(1 + (i % 1500));
            }

            // Every key is new; every fourth millisecond moves the clock, as datagrams do.
            table.Add(buffer.AsSpan(0, 3 + written), measures, 10, i / 4, entering: i % 2 == 0);
        }

        for (var i = 0; i < 10_000; i++)
        {
            Add(i);
        }

        Assert.Equal(table.Capacity, table.Count);
        SteadyState.AssertAllocatesNothing(30_000, i => Add(10_000 + i));
        Assert.Equal(table.Capacity, table.Count);
    }
}
