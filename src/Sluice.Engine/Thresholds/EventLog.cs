namespace Sluice.Engine.Thresholds;

/// <summary>
/// The events thresholds raise: a ring of the latest <see cref="Capacity"/> events with increasing ids, read newest
/// first (sFlow-RT's <c>/events/json</c>), long-polled without holding a thread, and pushed to subscribers (the
/// scripting host's <c>setEventHandler</c>).
/// </summary>
public sealed class EventLog
{
    private readonly ThresholdEvent[] _ring;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private long _lastId;
    private long _handlerErrors;
    private TaskCompletionSource _appended = NewSignal();
    private Subscription[] _subscribers = [];

    public EventLog(int capacity = 1_000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ThresholdEvent[capacity];
        _time = time ?? TimeProvider.System;
    }

    public int Capacity => _ring.Length;

    /// <summary>The id of the newest event (0 before the first): also how many events have been generated.</summary>
    public long LastEventId
    {
        get
        {
            lock (_lock)
            {
                return _lastId;
            }
        }
    }

    /// <summary>Numbers <paramref name="pending"/>, keeps it (overwriting the oldest when full), wakes long polls and tells subscribers.</summary>
    public ThresholdEvent Append(ThresholdEvent pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ThresholdEvent numbered;
        TaskCompletionSource appended;
        Subscription[] subscribers;
        lock (_lock)
        {
            numbered = pending with { EventId = ++_lastId };
            _ring[_next] = numbered;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            appended = _appended;
            _appended = NewSignal();
            subscribers = _subscribers;
        }

        appended.TrySetResult();
        foreach (var subscriber in subscribers)
        {
            subscriber.Deliver(numbered);
        }

        return numbered;
    }

    /// <summary>
    /// The events newer than <paramref name="afterEventId"/> (of <paramref name="thresholdId"/> only, when given), newest
    /// first, at most <paramref name="maxEvents"/>. An id newer than any event (a client that polled an earlier run of
    /// the engine) reads as -1, so that client gets what it missed instead of waiting for the ids to catch up.
    /// </summary>
    public IReadOnlyList<ThresholdEvent> Read(long afterEventId, string? thresholdId = null, int maxEvents = int.MaxValue)
    {
        lock (_lock)
        {
            return ReadLocked(afterEventId, thresholdId, maxEvents);
        }
    }

    /// <summary>
    /// sFlow-RT's long poll: <see cref="Read"/>, and when nothing is newer, waits up to <paramref name="timeout"/> for
    /// a matching event; then returns an empty list. Waiting holds no thread. Cancelling throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<IReadOnlyList<ThresholdEvent>> WaitAsync(
        long afterEventId, string? thresholdId, int maxEvents, TimeSpan timeout, CancellationToken cancel)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            Task appended;
            lock (_lock)
            {
                var found = ReadLocked(afterEventId, thresholdId, maxEvents);
                if (found.Count > 0)
                {
                    return found;
                }

                appended = _appended.Task;
            }

            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var delay = Task.Delay(remaining, _time, stop.Token);
            await Task.WhenAny(appended, delay).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false); // releases the delay's timer when an event came first
            cancel.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with every new event (of <paramref name="thresholdIds"/> only, when given), on the
    /// thread that appended it, until the returned handle is disposed. A handler should hand the event on quickly; one
    /// that throws does not stop the others (the error is counted in <see cref="HandlerErrors"/>).
    /// </summary>
    public IDisposable Subscribe(Action<ThresholdEvent> handler, IEnumerable<string>? thresholdIds = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler, thresholdIds?.ToHashSet(StringComparer.Ordinal));
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Exceptions thrown by subscribers' handlers.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    private List<ThresholdEvent> ReadLocked(long afterEventId, string? thresholdId, int maxEvents)
    {
        if (afterEventId > _lastId)
        {
            afterEventId = -1;
        }

        var found = new List<ThresholdEvent>();
        for (var i = 0; i < _count && found.Count < maxEvents; i++)
        {
            var candidate = _ring[(_next - 1 - i + _ring.Length) % _ring.Length];
            if (candidate.EventId <= afterEventId)
            {
                break;
            }

            if (thresholdId is null || candidate.ThresholdId == thresholdId)
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscription));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Subscription(EventLog log, Action<ThresholdEvent> handler, HashSet<string>? thresholdIds) : IDisposable
    {
        public void Deliver(ThresholdEvent thresholdEvent)
        {
            if (thresholdIds is not null && !thresholdIds.Contains(thresholdEvent.ThresholdId))
            {
                return;
            }

            try
            {
                handler(thresholdEvent);
            }
#pragma warning disable CA1031 // a subscriber's failure must not stop the checker or the other subscribers
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref log._handlerErrors);
            }
        }

        public void Dispose() => log.Unsubscribe(this);
    }
}
