using Sluice.Engine.Thresholds;
using Xunit;

namespace Sluice.Engine.Tests.Thresholds;

public sealed class ThresholdTrackerTests
{
    private const long T0 = 1_700_000_000_000;

    /// <summary>One check at <paramref name="now"/> in which the listed places are above the level; returns which ones fired.</summary>
    private static bool[] Check(ThresholdTracker tracker, long now, params (string Agent, string DataSource, string? Key)[] above)
    {
        tracker.BeginCheck();
        var fired = above.Select(p => tracker.ObserveAbove(p.Agent, p.DataSource, p.Key, now)).ToArray();
        tracker.EndCheck(now);
        return fired;
    }

    [Fact]
    public void ObserveAbove_StaysAbove_FiresOnlyOnTheCrossing()
    {
        var tracker = new ThresholdTracker(10, 100);

        Assert.Equal([true], Check(tracker, T0, ("a", "3", null)));
        Assert.Equal([false], Check(tracker, T0 + 1000, ("a", "3", null)));
        Assert.Equal([false], Check(tracker, T0 + 60_000, ("a", "3", null)));
        Assert.True(tracker.IsTriggered("a", "3", null));
    }

    [Fact]
    public void EndCheck_BelowShorterThanTimeout_StaysTriggeredAndDoesNotFireAgain()
    {
        var tracker = new ThresholdTracker(10, 100);
        Check(tracker, T0, ("a", "3", null));

        Check(tracker, T0 + 9_000);
        Assert.True(tracker.IsTriggered("a", "3", null));
        Assert.Equal([false], Check(tracker, T0 + 9_500, ("a", "3", null)));

        // Below again from 9.5 s on: re-armed only once 10 s have passed since it was last above.
        Check(tracker, T0 + 19_000);
        Assert.True(tracker.IsTriggered("a", "3", null));
        Check(tracker, T0 + 19_500);
        Assert.False(tracker.IsTriggered("a", "3", null));
        Assert.Equal([true], Check(tracker, T0 + 20_000, ("a", "3", null)));
    }

    [Fact]
    public void EndCheck_FractionalTimeout_ReArmsAfterThatManyMilliseconds()
    {
        var tracker = new ThresholdTracker(0.2, 100);
        Check(tracker, T0, ("a", "3", null));

        Check(tracker, T0 + 150);
        Assert.True(tracker.IsTriggered("a", "3", null));
        Check(tracker, T0 + 200);
        Assert.False(tracker.IsTriggered("a", "3", null));
    }

    [Fact]
    public void EndCheck_ZeroTimeout_ReArmsAtTheFirstCheckBelowButNeverWhileAbove()
    {
        var tracker = new ThresholdTracker(0, 100);

        Assert.Equal([true], Check(tracker, T0, ("a", "3", null)));
        Assert.Equal([false], Check(tracker, T0 + 1000, ("a", "3", null)));
        Check(tracker, T0 + 2000);
        Assert.Equal([true], Check(tracker, T0 + 3000, ("a", "3", null)));
    }

    [Fact]
    public void ObserveAbove_EachAgentDataSourceAndFlowKey_IsItsOwnPlace()
    {
        var tracker = new ThresholdTracker(10, 100);

        var fired = Check(tracker, T0, ("a", "3", "k1"), ("a", "3", "k2"), ("a", "4", "k1"), ("b", "3", "k1"));
        var again = Check(tracker, T0 + 1000, ("a", "3", "k1"), ("a", "3", "k3"));

        Assert.Equal([true, true, true, true], fired);
        Assert.Equal([false, true], again);
        Assert.True(tracker.AnyTriggered("b", "k1"));
        Assert.False(tracker.AnyTriggered("b", "k2"));
        Assert.True(tracker.AnyTriggered("a", null));
    }

    [Fact]
    public void ObserveAbove_AtCapacity_CountsCrossingsInsteadOfTrackingThem()
    {
        var tracker = new ThresholdTracker(10, 2);

        var fired = Check(tracker, T0, ("a", "1", null), ("a", "2", null), ("a", "3", null), ("a", "4", null));

        Assert.Equal([true, true, false, false], fired);
        Assert.Equal(2, tracker.Count);
        Assert.Equal(2, tracker.Suppressed);
        Assert.False(tracker.IsTriggered("a", "3", null));

        // Once places re-arm there is room again.
        Check(tracker, T0 + 20_000);
        Assert.Equal([true], Check(tracker, T0 + 21_000, ("a", "3", null)));
    }
}
