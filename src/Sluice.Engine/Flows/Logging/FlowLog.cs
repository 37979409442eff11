namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// The engine's log of completed flows: a ring of the latest <see cref="Capacity"/> records with increasing flow IDs,
/// read newest first by <c>/flows/json</c> (long-polled) and pushed to <c>setFlowHandler</c> subscribers. Shard workers
/// append; readers never block them for longer than a copy of the references they ask for.
/// </summary>
public sealed class FlowLog
{
    private readonly Lock _lock = new();
    private readonly FlowRecord?[] _ring;
    private readonly int _subscriberQueue;
    private FlowLogSubscription[] _subscribers = [];
    private TaskCompletionSource? _appended;
    private long _lastId;

    public FlowLog(int capacity, int subscriberQueue = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberQueue, 1);
        _ring = new FlowRecord?[capacity];
        _subscriberQueue = subscriberQueue;
    }

    public int Capacity => _ring.Length;

    /// <summary>The ID of the newest record (0 while the log is empty).</summary>
    public long LastFlowId
    {
        get
        {
            lock (_lock)
            {
                return _lastId;
            }
        }
    }

    /// <summary>Numbers the record, keeps it (overwriting the oldest when full), wakes long polls and feeds subscribers.</summary>
    internal void Append(FlowRecord record)
    {
        FlowLogSubscription[] subscribers;
        lock (_lock)
        {
            record.FlowId = ++_lastId;
            _ring[(int)(record.FlowId % _ring.Length)] = record;
            _appended?.TrySetResult();
            _appended = null;
            subscribers = _subscribers;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(record);
        }
    }

    /// <summary>
    /// Records newer than <paramref name="afterFlowId"/>, newest first, at most <paramref name="maxFlows"/>, of the definitions
    /// in <paramref name="names"/> (all when null or empty). A negative <paramref name="afterFlowId"/> asks for the latest
    /// records; so does one beyond the newest ID, which a client keeps across an engine restart.
    /// </summary>
    public IReadOnlyList<FlowRecord> Read(long afterFlowId, int maxFlows, IReadOnlyCollection<string>? names = null)
    {
        var result = new List<FlowRecord>();
        lock (_lock)
        {
            ReadLocked(afterFlowId, maxFlows, names, result);
        }

        return result;
    }

    /// <summary>
    /// <see cref="Read"/>, but when nothing matches yet, waits up to <paramref name="timeout"/> for a matching record
    /// (the long poll of <c>/flows/json</c>); an empty list when none came.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the client went away).</exception>
    public async Task<IReadOnlyList<FlowRecord>> WaitAsync(
        long afterFlowId, int maxFlows, IReadOnlyCollection<string>? names, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var result = new List<FlowRecord>();
        while (true)
        {
            Task appended;
            lock (_lock)
            {
                // Armed in the same lock as the read, so a record appended after the read still wakes this poll.
                _appended ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                appended = _appended.Task;
                afterFlowId = ReadLocked(afterFlowId, maxFlows, names, result);
            }

            var remaining = deadline - DateTime.UtcNow;
            if (result.Count > 0 || remaining <= TimeSpan.Zero || maxFlows <= 0)
            {
                return result;
            }

            try
            {
                await appended.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Pushes every new record of the definitions in <paramref name="names"/> (all when null or empty) to a bounded
    /// queue the subscriber drains on its own thread (sFlow-RT's <c>setFlowHandler</c>). When the subscriber falls
    /// behind, the oldest queued records are dropped and counted. Dispose the subscription to stop.
    /// </summary>
    public FlowLogSubscription Subscribe(IReadOnlyCollection<string>? names = null)
    {
        var subscription = new FlowLogSubscription(this, names is null || names.Count == 0 ? null : [.. names], _subscriberQueue);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>
    /// Adds the matching records to <paramref name="result"/>; returns the ID to wait beyond when there were none
    /// (a request for the latest records then waits for any newer than the newest now).
    /// </summary>
    private long ReadLocked(long afterFlowId, int maxFlows, IReadOnlyCollection<string>? names, List<FlowRecord> result)
    {
        if (afterFlowId > _lastId)
        {
            afterFlowId = -1;
        }

        var oldest = Math.Max(1, _lastId - _ring.Length + 1);
        for (var id = _lastId; id >= oldest && id > afterFlowId && result.Count < maxFlows; id--)
        {
            var record = _ring[(int)(id % _ring.Length)]!;
            if (names is null || names.Count == 0 || names.Contains(record.Name))
            {
                result.Add(record);
            }
        }

        return result.Count == 0 && afterFlowId < 0 ? _lastId : afterFlowId;
    }

    internal void Unsubscribe(FlowLogSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscription));
        }
    }
}
