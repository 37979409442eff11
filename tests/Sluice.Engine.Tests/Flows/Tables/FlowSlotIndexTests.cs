using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Flows.Tables;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Tables;

/// <summary>The flow table's open-addressing index, against a Dictionary model, with hashes chosen to collide.</summary>
public sealed class FlowSlotIndexTests
{
    private const int Keys = 48;

    /// <summary>Hash families from realistic to worst case, so probe runs get long and wrap around the array.</summary>
    private static readonly Func<int, uint>[] Hashes =
    [
        key => FlowKeyHash.Of(Text(key)),
        key => 0, // every key in one bucket with one hash: only the characters tell them apart
        key => (uint)(key % 3), // three long runs
        key => ((uint)key << 20) | 15, // one bucket (the last, so runs wrap), hashes all different
        key => (uint)(key * 7) & 0xF, // clustered homes in the first 16 buckets
    ];

    [Fact]
    public void AddFindRemove_RandomChurnAnyHashFamily_MatchesADictionary()
    {
        Prop.ForAll(
                Gen.ListOf(Gen.Choose(0, Keys - 1)).ToArbitrary(),
                Gen.Choose(0, Hashes.Length - 1).ToArbitrary(),
                (operations, family) =>
                {
                    var hash = Hashes[family];
                    var keys = new FlowKeyStore(Keys);
                    var index = new FlowSlotIndex();
                    var model = new Dictionary<int, int>();
                    var free = new Stack<int>(Enumerable.Range(0, Keys).Reverse());
                    foreach (var key in operations)
                    {
                        // Each operation toggles a key: present ones are removed, absent ones added into a free slot.
                        if (model.Remove(key, out var slot))
                        {
                            index.Remove(keys, slot);
                            free.Push(slot);
                        }
                        else
                        {
                            slot = free.Pop();
                            keys.Set(slot, Text(key), hash(key));
                            index.Add(slot, hash(key));
                            model[key] = slot;
                        }

                        for (var other = 0; other < Keys; other++)
                        {
                            var expected = model.TryGetValue(other, out var held) ? held : -1;
                            Assert.Equal(expected, index.Find(keys, Text(other), hash(other)));
                        }

                        Assert.Equal(model.Count, index.Count);
                        Assert.True(index.Buckets >= 2 * index.Count);
                    }

                    return true;
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Find_TwoKeysWithOneHash_TellsThemApartByCharacters()
    {
        var keys = new FlowKeyStore(4);
        var index = new FlowSlotIndex();
        keys.Set(0, "10.0.0.1", 42);
        index.Add(0, 42);
        keys.Set(1, "10.0.0.2", 42);
        index.Add(1, 42);

        Assert.Equal((0, 1, -1), (index.Find(keys, "10.0.0.1", 42), index.Find(keys, "10.0.0.2", 42), index.Find(keys, "10.0.0.3", 42)));

        index.Remove(keys, 0);

        Assert.Equal((-1, 1), (index.Find(keys, "10.0.0.1", 42), index.Find(keys, "10.0.0.2", 42)));
    }

    [Fact]
    public void Remove_EntryBeforeAWrappedRun_ShiftsTheRunBackSoAllStayFound()
    {
        // Home buckets 15, 15, 15, 0 in 16 buckets: the run wraps to 0, 1 and the key homed at 0 is pushed to 2.
        var keys = new FlowKeyStore(8);
        var index = new FlowSlotIndex();
        uint[] hashes = [15, 15 | (1u << 8), 15 | (2u << 8), 0];
        for (var slot = 0; slot < hashes.Length; slot++)
        {
            keys.Set(slot, $"k{slot}", hashes[slot]);
            index.Add(slot, hashes[slot]);
        }

        index.Remove(keys, 0);

        for (var slot = 1; slot < hashes.Length; slot++)
        {
            Assert.Equal(slot, index.Find(keys, $"k{slot}", hashes[slot]));
        }

        Assert.Equal(-1, index.Find(keys, "k0", hashes[0]));
    }

    [Fact]
    public void Remove_SlotNotIndexed_Throws()
    {
        var keys = new FlowKeyStore(4);
        var index = new FlowSlotIndex();
        keys.Set(0, "a", 1);

        Assert.Throws<InvalidOperationException>(() => index.Remove(keys, 0));
    }

    private static string Text(int key) => key % 10 == 0 ? new string('x', 3 * key) + key : $"10.0.{key}.1";
}
