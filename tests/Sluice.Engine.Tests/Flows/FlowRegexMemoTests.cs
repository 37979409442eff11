using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowRegexMemoTests
{
    [Fact]
    public void Matches_EveryFlagValueTwice_SameAsThePattern()
    {
        var filter = FlowFilterParser.Parse("tcpflags~.......1.");
        var negated = FlowFilterParser.Parse("tcpflags!~.......1.");
        for (var pass = 0; pass < 2; pass++)
        {
            for (var flags = 0; flags < 512; flags++)
            {
                var sample = FlowSamples.Tcp(tcpFlags: (ushort)flags);
                var syn = (flags & 0x002) != 0;
                Assert.Equal(syn, filter.Matches(sample));
                Assert.Equal(!syn, negated.Matches(sample));
            }
        }
    }

    [Fact]
    public void TryGet_MoreValuesThanEntries_ForgetsTheOldest()
    {
        var memo = new FlowRegexMemo();
        for (var i = 0; i <= FlowRegexMemo.Entries; i++)
        {
            memo.Add($"v{i}", i % 2 == 0);
        }

        Assert.False(memo.TryGet("v0", out _));
        for (var i = 1; i <= FlowRegexMemo.Entries; i++)
        {
            Assert.True(memo.TryGet($"v{i}", out var matched));
            Assert.Equal(i % 2 == 0, matched);
        }
    }

    [Fact]
    public void Add_ValueLongerThanTheLimit_IsNotRemembered()
    {
        var memo = new FlowRegexMemo();
        var longValue = new string('x', FlowRegexMemo.MaxValueLength + 1);
        memo.Add(longValue, true);
        memo.Add("short", true);

        Assert.False(memo.TryGet(longValue, out _));
        Assert.False(memo.TryGet(longValue.AsSpan(0, FlowRegexMemo.MaxValueLength), out _));
        Assert.True(memo.TryGet("short", out var matched));
        Assert.True(matched);
    }
}
