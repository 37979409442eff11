using System.Threading.Channels;

namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// One <see cref="FlowLog.Subscribe"/> consumer: new records arrive in <see cref="Reader"/>, a bounded queue that drops
/// its oldest record (and counts it) rather than hold up the shard worker that completed the flow.
/// </summary>
public sealed class FlowLogSubscription : IDisposable
{
    private readonly FlowLog _log;
    private readonly HashSet<string>? _names;
    private readonly Channel<FlowRecord> _queue;
    private long _dropped;

    internal FlowLogSubscription(FlowLog log, HashSet<string>? names, int capacity)
    {
        _log = log;
        _names = names;
        _queue = Channel.CreateBounded<FlowRecord>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<FlowRecord> Reader => _queue.Reader;

    /// <summary>Records dropped because the subscriber did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Offer(FlowRecord record)
    {
        if (_names is null || _names.Contains(record.Name))
        {
            _queue.Writer.TryWrite(record);
        }
    }

    public void Dispose()
    {
        _log.Unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
