using Sluice.Engine.Flows.Logging;
using Xunit;

namespace Sluice.Engine.Tests.Flows.Logging;

public sealed class FlowLogTests
{
    [Fact]
    public void Read_MinusOne_ReturnsLatestNewestFirst()
    {
        var log = Filled(5);

        Assert.Equal([5L, 4L, 3L], log.Read(-1, 3).Select(r => r.FlowId));
        Assert.Equal([5L, 4L, 3L, 2L, 1L], log.Read(-1, 100).Select(r => r.FlowId));
    }

    [Fact]
    public void Read_AfterFlowId_ReturnsOnlyNewerRecords()
    {
        var log = Filled(5);

        Assert.Equal([5L, 4L], log.Read(3, 100).Select(r => r.FlowId));
        Assert.Empty(log.Read(5, 100));
        Assert.Equal([5L], log.Read(3, 1).Select(r => r.FlowId));
    }

    [Fact]
    public void Read_FlowIdBeyondNewest_ReturnsLatestAsAfterARestart()
    {
        var log = Filled(3);

        Assert.Equal([3L, 2L, 1L], log.Read(9_000, 100).Select(r => r.FlowId));
    }

    [Fact]
    public void Read_Names_ReturnsOnlyThoseDefinitions()
    {
        var log = new FlowLog(10);
        log.Append(Record("tcp"));
        log.Append(Record("udp"));
        log.Append(Record("tcp"));

        Assert.Equal([3L, 1L], log.Read(-1, 10, ["tcp"]).Select(r => r.FlowId));
    }

    [Fact]
    public void Append_BeyondCapacity_KeepsOnlyTheNewestRecords()
    {
        var log = Filled(25, capacity: 10);

        Assert.Equal(25, log.LastFlowId);
        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => (long)i), log.Read(-1, 100).Select(r => r.FlowId));
        Assert.Equal([25L, 24L], log.Read(23, 100).Select(r => r.FlowId));
    }

    [Fact]
    public async Task WaitAsync_NothingNewer_ReturnsEmptyWhenTheTimeoutPasses()
    {
        var log = Filled(2);

        var records = await log.WaitAsync(2, 10, null, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

        Assert.Empty(records);
    }

    [Fact]
    public async Task WaitAsync_RecordAppendedWhileWaiting_ReturnsIt()
    {
        var log = Filled(2);
        var waiting = log.WaitAsync(2, 10, ["tcp"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        log.Append(Record("udp"));
        Assert.False(waiting.IsCompleted);

        log.Append(Record("tcp"));
        var records = await waiting;

        Assert.Equal([4L], records.Select(r => r.FlowId));
    }

    [Fact]
    public async Task WaitAsync_EmptyLogAndMinusOne_WaitsForTheFirstRecord()
    {
        var log = new FlowLog(10);
        var waiting = log.WaitAsync(-1, 10, null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        log.Append(Record("tcp"));

        Assert.Equal([1L], (await waiting).Select(r => r.FlowId));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var log = Filled(1);
        using var cancel = new CancellationTokenSource();
        var waiting = log.WaitAsync(1, 10, null, TimeSpan.FromSeconds(30), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Subscribe_Names_ReceivesNewRecordsOfThoseDefinitions()
    {
        var log = Filled(1);
        using var subscription = log.Subscribe(["tcp"]);
        log.Append(Record("udp"));
        log.Append(Record("tcp"));

        var received = await subscription.Reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, received.FlowId);
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void Subscribe_SubscriberFallsBehind_DropsOldestAndCounts()
    {
        var log = new FlowLog(100, subscriberQueue: 3);
        using var subscription = log.Subscribe();
        for (var i = 0; i < 5; i++)
        {
            log.Append(Record("tcp"));
        }

        Assert.Equal(2, subscription.Dropped);
        var ids = new List<long>();
        while (subscription.Reader.TryRead(out var record))
        {
            ids.Add(record.FlowId);
        }

        Assert.Equal([3L, 4L, 5L], ids);
    }

    [Fact]
    public void Dispose_Subscription_StopsDeliveryAndCompletesTheReader()
    {
        var log = new FlowLog(10);
        var subscription = log.Subscribe();
        subscription.Dispose();
        log.Append(Record("tcp"));

        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    private static FlowLog Filled(int count, int capacity = 100)
    {
        var log = new FlowLog(capacity);
        for (var i = 0; i < count; i++)
        {
            log.Append(Record("tcp"));
        }

        return log;
    }

    private static FlowRecord Record(string name) => new(name, "k", 1, null, 1, 2, "192.0.2.1", "3");
}
