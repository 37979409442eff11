using Sluice.Engine.Flows.Tables;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Tables;

/// <summary>The flow table's key hash: deterministic, and sensitive to every character and to the length.</summary>
public sealed class FlowKeyHashTests
{
    [Fact]
    public void Of_SameTextInDifferentBuffers_SameHash()
    {
        var text = "10.0.0.1,10.0.0.2,tcp,443";
        var buffer = ("xx" + text).ToCharArray();

        Assert.Equal(FlowKeyHash.Of(text), FlowKeyHash.Of(buffer.AsSpan(2)));
    }

    [Fact]
    public void Of_KeysDifferingInOneCharacterOrTrailingZeros_AllDifferent()
    {
        var keys = new List<string> { "\0", "\0\0", "\0\0\0", "\0\0\0\0" };
        var text = "10.0.0.1,10.0.0.2,tcp,443";
        for (var i = 0; i < text.Length; i++)
        {
            keys.Add(text[..i]); // the empty key first
            keys.Add(string.Concat(text.AsSpan(0, i), "#", text.AsSpan(i + 1)));
        }

        Assert.Equal(keys.Count, keys.Select(k => FlowKeyHash.Of(k)).Distinct().Count());
    }

    [Fact]
    public void Of_ManyAddresses_SpreadsOverBuckets()
    {
        // 4,096 addresses into 1,024 buckets by the low bits, as the index uses them: none may hold far more than 4.
        var buckets = new int[1024];
        for (var i = 0; i < 4096; i++)
        {
            buckets[FlowKeyHash.Of($"10.0.{i / 256}.{i % 256}") & 1023]++;
        }

        Assert.InRange(buckets.Max(), 1, 16);
    }
}
