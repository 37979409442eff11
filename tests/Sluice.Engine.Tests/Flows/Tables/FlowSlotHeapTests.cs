using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Flows.Tables;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Tables;

/// <summary>The flow table's lazy eviction heap: what it names is always a slot with the smallest value now.</summary>
public sealed class FlowSlotHeapTests
{
    [Fact]
    public void Smallest_RandomGrowthShrinksAndEvictions_IsAlwaysASlotWithTheSmallestValue()
    {
        Prop.ForAll(
                Gen.ListOf(Gen.Zip(Gen.Choose(0, 15), Gen.Choose(-50, 1000))).ToArbitrary(),
                changes =>
                {
                    var values = new double[16];
                    var heap = new FlowSlotHeap(values);
                    foreach (var (slot, change) in changes)
                    {
                        if (slot >= heap.Count)
                        {
                            // Slots join in order, as a filling table hands them out.
                            heap.Add(heap.Count);
                            continue;
                        }

                        if (change % 7 == 0)
                        {
                            // An eviction: the smallest slot is cleared for a new key.
                            var smallest = heap.Smallest();
                            Assert.Equal(values.Take(heap.Count).Min(), values[smallest]);
                            values[smallest] = 0;
                            heap.Refresh(smallest);
                            continue;
                        }

                        values[slot] += change;
                        if (change < 0)
                        {
                            heap.Refresh(slot);
                        }

                        Assert.True(heap.IsOrdered());
                        Assert.Equal(values.Take(heap.Count).Min(), values[heap.Smallest()]);
                        Assert.True(heap.IsOrdered());
                    }

                    return true;
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Smallest_EvictAndRefill_FollowsTheOrderOfValues()
    {
        double[] values = [5, 3, 9, 1];
        var heap = new FlowSlotHeap(values);
        for (var slot = 0; slot < values.Length; slot++)
        {
            heap.Add(slot);
        }

        var evicted = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            // As the table does: the smallest slot takes a new key (value 0), whose first add makes it largest.
            var slot = heap.Smallest();
            evicted.Add(slot);
            values[slot] = 0;
            heap.Refresh(slot);
            values[slot] = 100 + i;
        }

        Assert.Equal([3, 1, 0, 2], evicted);
        Assert.Equal(3, heap.Smallest());
    }

    [Fact]
    public void Smallest_AfterRescale_KeepsTheOrder()
    {
        double[] values = [4, 2, 8];
        var heap = new FlowSlotHeap(values);
        for (var slot = 0; slot < values.Length; slot++)
        {
            heap.Add(slot);
        }

        values[1] += 10; // grown without telling the heap: 12
        for (var slot = 0; slot < values.Length; slot++)
        {
            values[slot] *= 1e-80;
        }

        heap.Rescale(1e-80);

        Assert.True(heap.IsOrdered());
        Assert.Equal(0, heap.Smallest());
    }

    [Fact]
    public void Smallest_NaNValue_Ends()
    {
        double[] values = [1, 2];
        var heap = new FlowSlotHeap(values);
        heap.Add(0);
        heap.Add(1);
        values[0] = double.NaN;

        Assert.Contains(heap.Smallest(), (int[])[0, 1]);
    }

    [Fact]
    public void Smallest_Empty_Throws()
    {
        var heap = new FlowSlotHeap(new double[2]);

        Assert.Throws<InvalidOperationException>(() => heap.Smallest());
    }
}
