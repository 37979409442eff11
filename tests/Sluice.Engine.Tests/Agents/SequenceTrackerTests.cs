using Sluice.Engine.Agents;
using Xunit;

namespace Sluice.Engine.Tests.Agents;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void Observe_ConsecutiveNumbers_AreInOrderWithNothingCounted()
    {
        var tracker = new SequenceTracker();

        Assert.Equal(SequenceOutcome.First, tracker.Observe(100));
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(101));
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(102));
        Assert.Equal(0, tracker.Lost + tracker.Duplicates + tracker.OutOfOrder + tracker.Resets);
    }

    [Fact]
    public void Observe_Gap_CountsTheMissingNumbersAsLost()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(5000);

        Assert.Equal(SequenceOutcome.Gap, tracker.Observe(5004));
        Assert.Equal(3, tracker.Lost);
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(5005));
    }

    [Fact]
    public void Observe_RepeatAndLateArrival_AreDuplicateAndOutOfOrder()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(5000);
        tracker.Observe(5002);

        Assert.Equal(SequenceOutcome.Duplicate, tracker.Observe(5002));
        Assert.Equal(SequenceOutcome.OutOfOrder, tracker.Observe(5001));
        Assert.Equal(1, tracker.Duplicates);
        Assert.Equal(1, tracker.OutOfOrder);
        Assert.Equal(1, tracker.Lost);
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(5003));
    }

    [Fact]
    public void Observe_NumberingRestartsFromOne_IsAResetNotLoss()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(987654);

        Assert.Equal(SequenceOutcome.Reset, tracker.Observe(1));
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(2));
        Assert.Equal(1, tracker.Resets);
        Assert.Equal(0, tracker.Lost);
    }

    [Fact]
    public void Observe_WrapPast32Bits_StaysInOrder()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(uint.MaxValue);

        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(0));
        Assert.Equal(0, tracker.Lost + tracker.Resets);
    }

    [Fact]
    public void Restart_AfterNumbersWithinTheReorderWindow_NextNumberStartsAgainWithCountsKept()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(50);
        tracker.Observe(50);

        tracker.Restart();

        Assert.Equal(SequenceOutcome.First, tracker.Observe(1));
        Assert.Equal(SequenceOutcome.InOrder, tracker.Observe(2));
        Assert.Equal(1, tracker.Duplicates);
        Assert.Equal(0, tracker.OutOfOrder + tracker.Lost);
    }
}
