namespace Sluice.Engine.Forwarding;

/// <summary>
/// Where one session or tenant sends: its resolved target, its rate cap and one set of counters per worker.
/// </summary>
internal sealed class ForwardingChannel
{
    private readonly ForwardingRateLimiter _limiter;
    private readonly ForwardingCounters[] _counters;

    public ForwardingChannel(ForwardingTarget target, int workers, int maxDatagramsPerSecond)
    {
        Target = target;
        _limiter = new ForwardingRateLimiter(maxDatagramsPerSecond);
        _counters = new ForwardingCounters[Math.Max(1, workers)];
        for (var i = 0; i < _counters.Length; i++)
        {
            _counters[i] = new ForwardingCounters();
        }
    }

    public ForwardingTarget Target { get; }

    public ForwardingStatistics Statistics => ForwardingCounters.Sum(_counters);

    public ForwardingCounters CountersOf(int worker) => _counters[worker % _counters.Length];

    /// <summary>Sends from worker <paramref name="worker"/> unless the rate cap says no; counts either way. Never blocks.</summary>
    public bool Send(DatagramSender sender, int worker, ReadOnlySpan<byte> datagram, long tickMs)
    {
        if (!Admit(worker, tickMs))
        {
            return false;
        }

        var outcome = sender.Send(datagram, Target);
        CountersOf(worker).Count(outcome, datagram.Length);
        return outcome == SendOutcome.Sent;
    }

    /// <summary>True when the rate cap lets one more datagram go; a refusal is counted.</summary>
    public bool Admit(int worker, long tickMs)
    {
        if (_limiter.TryAcquire(tickMs))
        {
            return true;
        }

        CountersOf(worker).CountRateLimited();
        return false;
    }
}
