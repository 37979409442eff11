using Sluice.Engine.Flows.Tables;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Tables;

/// <summary>The flow table's per-slot key storage: keys survive growth, and strings are made once per key.</summary>
public sealed class FlowKeyStoreTests
{
    [Fact]
    public void Set_KeyLongerThanAnySeen_WidensEveryPrefilledSlotIntact()
    {
        var store = new FlowKeyStore(8);
        for (var slot = 0; slot < 5; slot++)
        {
            store.Set(slot, $"10.0.0.{slot}", (uint)slot);
        }

        var longKey = new string('k', 1000);
        store.Set(5, longKey, 99);

        Assert.True(store.Stride >= 1000);
        for (var slot = 0; slot < 5; slot++)
        {
            Assert.Equal($"10.0.0.{slot}", store.KeyOf(slot).ToString());
            Assert.Equal((uint)slot, store.HashOf(slot));
        }

        Assert.Equal(longKey, store.KeyOf(5).ToString());
        Assert.Equal(99u, store.HashOf(5));
    }

    [Fact]
    public void MarkEntered_ThroughGrowthUntilTheKeyIsReplaced_KeptThenCleared()
    {
        var store = new FlowKeyStore(4);
        store.Set(0, "short", 7);
        store.MarkEntered(0);
        store.Set(1, new string('k', 100), 8); // widens every slot

        Assert.True(store.EnteredOf(0));
        Assert.False(store.EnteredOf(1));
        Assert.Equal(("short", 7u), (store.KeyOf(0).ToString(), store.HashOf(0)));

        store.Set(0, "other", 9);

        Assert.False(store.EnteredOf(0));
        Assert.Equal("other", store.KeyOf(0).ToString());
    }

    [Fact]
    public void TextOf_SameKeyTwiceThenReplaced_OneStringPerKey()
    {
        var store = new FlowKeyStore(2);
        store.Set(1, "a,b", 1);
        var first = store.TextOf(1);

        Assert.Same(first, store.TextOf(1));

        store.Set(1, "c", 2);

        Assert.Equal("c", store.TextOf(1));
    }
}
