using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Thresholds;
using Xunit;

namespace Sluice.Engine.Tests.Thresholds;

public sealed class EventLogTests
{
    private static ThresholdEvent Pending(string threshold, string agent = "192.0.2.1") => new()
    {
        ThresholdId = threshold,
        Metric = "load_one",
        Value = 3,
        Threshold = 2,
        Agent = agent,
        DataSource = "2.1",
        Timestamp = 1_700_000_000_000,
    };

    [Fact]
    public void Read_AfterAppends_NewestFirstWithIncreasingIds()
    {
        var log = new EventLog(10);
        log.Append(Pending("a"));
        log.Append(Pending("b"));
        log.Append(Pending("a"));

        Assert.Equal([3L, 2, 1], log.Read(-1).Select(e => e.EventId));
        Assert.Equal([3L], log.Read(2).Select(e => e.EventId));
        Assert.Empty(log.Read(3));
        Assert.Equal([3L, 1], log.Read(-1, "a").Select(e => e.EventId));
        Assert.Equal([3L, 2], log.Read(-1, maxEvents: 2).Select(e => e.EventId));
        Assert.Equal(3, log.LastEventId);
    }

    [Fact]
    public void Append_PastCapacity_KeepsOnlyTheNewest()
    {
        var log = new EventLog(3);
        for (var i = 0; i < 7; i++)
        {
            log.Append(Pending("a"));
        }

        Assert.Equal([7L, 6, 5], log.Read(-1).Select(e => e.EventId));
        Assert.Equal([7L, 6, 5], log.Read(1).Select(e => e.EventId));
        Assert.Equal(7, log.LastEventId);
    }

    [Fact]
    public void Read_IdNewerThanAnyEvent_ReadsAsMinusOne()
    {
        var log = new EventLog(10);
        log.Append(Pending("a"));

        // A client that polled an earlier run of the engine gets what it missed.
        Assert.Equal([1L], log.Read(5000).Select(e => e.EventId));
    }

    [Fact]
    public async Task WaitAsync_EventsAlreadyNewer_ReturnAtOnce()
    {
        var time = new FakeTimeProvider();
        var log = new EventLog(10, time);
        log.Append(Pending("a"));

        var events = await log.WaitAsync(-1, null, 10, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(1, Assert.Single(events).EventId);
    }

    [Fact]
    public async Task WaitAsync_NothingNewer_WakesOnTheNextMatchingAppend()
    {
        var time = new FakeTimeProvider();
        var log = new EventLog(10, time);
        log.Append(Pending("a"));

        var waiting = log.WaitAsync(1, "b", 10, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        log.Append(Pending("a")); // another threshold: the poll keeps waiting
        Assert.False(waiting.IsCompleted);
        log.Append(Pending("b"));
        var events = await waiting;

        var only = Assert.Single(events);
        Assert.Equal(3, only.EventId);
        Assert.Equal("b", only.ThresholdId);
    }

    [Fact]
    public async Task WaitAsync_TimeoutPasses_ReturnsEmpty()
    {
        var time = new FakeTimeProvider();
        var log = new EventLog(10, time);
        log.Append(Pending("a"));

        var waiting = log.WaitAsync(1, null, 10, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await waiting);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsWithoutWaitingForTheTimeout()
    {
        var log = new EventLog(10, new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var waiting = log.WaitAsync(-1, null, 10, TimeSpan.FromSeconds(60), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Subscribe_FilteredHandlers_GetTheirEventsUntilDisposed()
    {
        var log = new EventLog(10);
        var all = new List<long>();
        var onlyB = new List<long>();
        using var everything = log.Subscribe(e => all.Add(e.EventId));
        var filtered = log.Subscribe(e => onlyB.Add(e.EventId), ["b"]);

        log.Append(Pending("a"));
        log.Append(Pending("b"));
        filtered.Dispose();
        log.Append(Pending("b"));

        Assert.Equal([1L, 2, 3], all);
        Assert.Equal([2L], onlyB);
    }

    [Fact]
    public void Subscribe_HandlerThrows_OthersStillGetTheEventAndTheErrorIsCounted()
    {
        var log = new EventLog(10);
        var seen = new List<long>();
        using var failing = log.Subscribe(_ => throw new InvalidOperationException("script error"));
        using var working = log.Subscribe(e => seen.Add(e.EventId));

        var appended = log.Append(Pending("a"));

        Assert.Equal(1, appended.EventId);
        Assert.Equal([1L], seen);
        Assert.Equal(1, log.HandlerErrors);
    }
}
