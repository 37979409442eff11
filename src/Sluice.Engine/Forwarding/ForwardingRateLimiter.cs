namespace Sluice.Engine.Forwarding;

/// <summary>
/// At most a set number of datagrams in each one-second window, shared by the workers that send for one session or
/// tenant: one interlocked increment per datagram, no lock. A new window starts with the first datagram after the
/// old one ends; the rare race at the boundary only lets a few extra datagrams through.
/// </summary>
internal sealed class ForwardingRateLimiter
{
    private readonly long _limit;
    private long _windowStartMs = long.MinValue / 2;
    private long _count;

    public ForwardingRateLimiter(int datagramsPerSecond)
    {
        _limit = Math.Max(1, datagramsPerSecond);
    }

    /// <summary>True when one more datagram may go out at <paramref name="tickMs"/> (a monotonic millisecond clock).</summary>
    public bool TryAcquire(long tickMs)
    {
        var start = Volatile.Read(ref _windowStartMs);
        if (tickMs - start >= 1000 && Interlocked.CompareExchange(ref _windowStartMs, tickMs, start) == start)
        {
            Interlocked.Exchange(ref _count, 0);
        }

        return Interlocked.Increment(ref _count) <= _limit;
    }
}
