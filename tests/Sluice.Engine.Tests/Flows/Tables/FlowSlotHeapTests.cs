using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Flows.Tables;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Tables;

/// <summary>The flow table's eviction heap: its root is always a slot with the smallest value.</summary>
public sealed class FlowSlotHeapTests
{
    [Fact]
    public void Smallest_RandomAddsAndChanges_IsAlwaysASlotWithTheSmallestValue()
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

                        values[slot] += change;
                        heap.Update(slot);
                        Assert.True(heap.IsOrdered());
                        Assert.Equal(values.Take(heap.Count).Min(), values[heap.Smallest]);
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
            // As the table does: the smallest slot takes a new key that ends up largest.
            var slot = heap.Smallest;
            evicted.Add(slot);
            values[slot] = 100 + i;
            heap.Update(slot);
        }

        Assert.Equal([3, 1, 0, 2], evicted);
        Assert.Equal(3, heap.Smallest);
    }

    [Fact]
    public void Smallest_Empty_Throws()
    {
        var heap = new FlowSlotHeap(new double[2]);

        Assert.Throws<InvalidOperationException>(() => heap.Smallest);
    }
}
