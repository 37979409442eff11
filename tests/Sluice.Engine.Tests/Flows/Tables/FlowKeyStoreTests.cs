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
