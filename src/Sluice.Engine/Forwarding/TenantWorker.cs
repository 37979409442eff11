using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// A tenant's state on one worker, touched only by that worker: its ifName resolutions and its batches, one per agent
/// stream, bounded by <see cref="ForwardingOptions.MaxTenantAgentsPerWorker"/> (the least recently used is sent and
/// forgotten). After warm-up nothing here allocates: batches and sets are reused.
/// </summary>
internal sealed class TenantWorker
{
    private const uint Unresolved = uint.MaxValue;

    private readonly Tenant _tenant;
    private readonly int _worker;
    private readonly uint[] _resolved;
    private readonly HashSet<AgentPort> _resolvedPorts = [];
    private readonly Dictionary<AgentStream, TenantBatch> _batches = [];
    private readonly List<TenantBatch> _pending = [];
    private long _pendingSinceTickMs;

    public TenantWorker(Tenant tenant, int worker)
    {
        _tenant = tenant;
        _worker = worker;
        _resolved = new uint[tenant.Filter.Names.Length];
        Array.Fill(_resolved, Unresolved);
    }

    public bool HasPending => _pending.Count > 0;

    public int Batches => _batches.Count;

    /// <summary>True when the tenant's filters name this port, by ifIndex or by a resolved ifName.</summary>
    public bool HasPort(in AgentPort port) =>
        _tenant.Filter.HasPort(port) || (_resolvedPorts.Count > 0 && _resolvedPorts.Contains(port));

    /// <summary>
    /// A port_name record passed: if the tenant filters on that agent's name, remember (or forget) its ifIndex.
    /// Allocates only when a resolution changes.
    /// </summary>
    public void ObservePortName(in SflowAddress agent, uint ifIndex, ReadOnlySpan<byte> name)
    {
        var names = _tenant.Filter.Names;
        var changed = false;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Agent != agent)
            {
                continue;
            }

            if (name.SequenceEqual(names[i].Utf8))
            {
                changed |= _resolved[i] != ifIndex;
                _resolved[i] = ifIndex;
            }
            else if (_resolved[i] == ifIndex)
            {
                // The port was renamed: it no longer belongs to this entry.
                _resolved[i] = Unresolved;
                changed = true;
            }
        }

        if (changed)
        {
            Rebuild();
        }
    }

    /// <summary>Sets a resolution known before the worker saw any counters (from the agent's stored metrics).</summary>
    public void Resolve(int entry, uint ifIndex)
    {
        _resolved[entry] = ifIndex;
        Rebuild();
    }

    /// <summary>Adds one matched sample (tag, length and body, verbatim) to its agent stream's datagram; sends when full.</summary>
    public void Add(in AgentStream stream, ReadOnlySpan<byte> sample, uint uptime, long tickMs, DatagramSender sender, Span<byte> scratch)
    {
        var batch = BatchFor(stream, tickMs, sender);
        if (sample.Length > batch.MaxSample)
        {
            // Too large to share a datagram (a big counters sample): it goes alone, as the agent sent it.
            Send(sender, batch.Single(scratch, sample, uptime), 1, tickMs);
            return;
        }

        if (!batch.Fits(sample.Length))
        {
            Send(sender, batch.Take(out var samples), samples, tickMs);
        }

        if (!batch.Queued)
        {
            if (_pending.Count == 0)
            {
                _pendingSinceTickMs = tickMs;
            }

            batch.Queued = true;
            _pending.Add(batch);
        }

        batch.Add(sample, uptime, tickMs);
    }

    /// <summary>Sends every partly filled datagram once the oldest has waited <paramref name="intervalMs"/>.</summary>
    public void FlushIfDue(long tickMs, long intervalMs, DatagramSender sender)
    {
        if (_pending.Count > 0 && tickMs - _pendingSinceTickMs >= intervalMs)
        {
            Flush(tickMs, sender);
        }
    }

    public void Flush(long tickMs, DatagramSender sender)
    {
        foreach (var batch in _pending)
        {
            if (!batch.IsEmpty)
            {
                Send(sender, batch.Take(out var samples), samples, tickMs);
            }

            batch.Queued = false;
        }

        _pending.Clear();
    }

    private TenantBatch BatchFor(in AgentStream stream, long tickMs, DatagramSender sender)
    {
        if (_batches.TryGetValue(stream, out var batch))
        {
            return batch;
        }

        if (_batches.Count >= _tenant.Options.MaxTenantAgentsPerWorker)
        {
            Evict(tickMs, sender);
        }

        batch = new TenantBatch(stream, _tenant.Options.TenantDatagramBytes);
        _batches[stream] = batch;
        return batch;
    }

    private void Evict(long tickMs, DatagramSender sender)
    {
        TenantBatch? oldest = null;
        foreach (var batch in _batches.Values)
        {
            if (oldest is null || batch.LastUsedTickMs < oldest.LastUsedTickMs)
            {
                oldest = batch;
            }
        }

        if (oldest is null)
        {
            return;
        }

        if (!oldest.IsEmpty)
        {
            Send(sender, oldest.Take(out var samples), samples, tickMs);
        }

        _pending.Remove(oldest);
        _batches.Remove(oldest.Stream);
    }

    private void Send(DatagramSender sender, ReadOnlySpan<byte> datagram, int samples, long tickMs)
    {
        if (_tenant.Channel.Send(sender, _worker, datagram, tickMs))
        {
            _tenant.Channel.CountersOf(_worker).CountSamples(samples);
        }
    }

    private void Rebuild()
    {
        _resolvedPorts.Clear();
        var names = _tenant.Filter.Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (_resolved[i] != Unresolved)
            {
                _resolvedPorts.Add(new AgentPort(names[i].Agent, _resolved[i]));
            }
        }
    }
}
