namespace Sluice.Engine.Forwarding;

/// <summary>
/// One worker's counts for one session or tenant. Each worker has its own instance and is its only writer, so
/// counting needs no interlocked operations; readers sum the instances.
/// </summary>
internal sealed class ForwardingCounters
{
    private long _samples;
    private long _datagrams;
    private long _bytes;
    private long _dropped;
    private long _rateLimited;
    private long _errors;

    public void CountSamples(int samples) => Volatile.Write(ref _samples, _samples + samples);

    public void Count(SendOutcome outcome, int bytes)
    {
        switch (outcome)
        {
            case SendOutcome.Sent:
                Volatile.Write(ref _datagrams, _datagrams + 1);
                Volatile.Write(ref _bytes, _bytes + bytes);
                break;
            case SendOutcome.WouldBlock:
                Volatile.Write(ref _dropped, _dropped + 1);
                break;
            default:
                Volatile.Write(ref _errors, _errors + 1);
                break;
        }
    }

    public void CountRateLimited() => Volatile.Write(ref _rateLimited, _rateLimited + 1);

    public static ForwardingStatistics Sum(ForwardingCounters[] counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        long samples = 0, datagrams = 0, bytes = 0, dropped = 0, rateLimited = 0, errors = 0;
        foreach (var c in counters)
        {
            samples += Volatile.Read(ref c._samples);
            datagrams += Volatile.Read(ref c._datagrams);
            bytes += Volatile.Read(ref c._bytes);
            dropped += Volatile.Read(ref c._dropped);
            rateLimited += Volatile.Read(ref c._rateLimited);
            errors += Volatile.Read(ref c._errors);
        }

        return new ForwardingStatistics
        {
            Samples = samples,
            Datagrams = datagrams,
            Bytes = bytes,
            Dropped = dropped,
            RateLimited = rateLimited,
            Errors = errors,
        };
    }
}
