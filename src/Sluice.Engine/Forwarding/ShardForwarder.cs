using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// Forwarding as one shard worker does it: raw datagrams to the sessions before decode, matching samples into the
/// tenants' batches, and the flush timer. Owned by its worker; nothing here allocates per datagram.
/// </summary>
internal sealed class ShardForwarder
{
    /// <summary>Largest datagram a single oversized sample can make (the largest UDP payload).</summary>
    private const int MaxDatagram = 65_536;

    private readonly ForwardingSessions _sessions;
    private readonly Tenants _tenants;
    private readonly int _worker;
    private readonly long _flushIntervalMs;
    private readonly ForwardingBatch? _batch;
    private byte[]? _scratch;

    public ShardForwarder(ForwardingHub hub, int worker)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _sessions = hub.Sessions;
        _tenants = hub.Tenants;
        Sender = hub.Sender;
        _worker = worker;
        _flushIntervalMs = Math.Max(1, (long)hub.Options.TenantFlushInterval.TotalMilliseconds);
        _batch = ForwardingBatch.IsSupported ? new ForwardingBatch(Sender, worker) : null;
    }

    /// <summary>The decoded sampled header the tenants' cidr and mac filters look at (reused).</summary>
    public PacketFields Packet;

    public DatagramSender Sender { get; }

    /// <summary>The monotonic clock of the datagram being handled.</summary>
    public long TickMs { get; private set; }

    /// <summary>Room for a datagram of one oversized sample, allocated the first time one is seen.</summary>
    public Span<byte> Scratch => _scratch ??= new byte[MaxDatagram];

    /// <summary>True while some tenant has a partly filled datagram waiting on this worker.</summary>
    public bool HasPending
    {
        get
        {
            foreach (var tenant in _tenants.Current)
            {
                if (tenant.Workers[_worker].HasPending)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>How long the worker may sleep when idle: short while tenant datagrams wait for the flush timer.</summary>
    public long IdleWaitMs => HasPending ? _flushIntervalMs : long.MaxValue;

    /// <summary>
    /// Re-sends the datagram, unchanged, to every session that wants its agent: at once, or (on Linux) gathered into
    /// the batch that <see cref="Flush"/> sends.
    /// </summary>
    public void Forward(ReadOnlySpan<byte> datagram)
    {
        var sessions = _sessions.Current;
        if (sessions.Length == 0)
        {
            return;
        }

        TickMs = Environment.TickCount64;
        var headerRead = false;
        var agent = default(SflowAddress);
        var hasAgent = false;
        var staged = -1;
        foreach (var session in sessions)
        {
            if (session.FiltersAgents)
            {
                if (!headerRead)
                {
                    headerRead = true;
                    hasAgent = SflowDecoder.TryReadHeader(datagram, out var header);
                    agent = header.Agent;
                }

                if (!hasAgent || !session.Accepts(agent))
                {
                    continue;
                }
            }

            if (_batch is null)
            {
                session.Channel.Send(Sender, _worker, datagram, TickMs);
            }
            else if (session.Channel.Admit(_worker, TickMs))
            {
                if (staged < 0)
                {
                    staged = _batch.Stage(datagram, sessions.Length);
                }

                _batch.Add(staged, datagram.Length, session.Channel);
            }
        }
    }

    /// <summary>Sends the forwarded copies gathered so far (the worker calls this each time its queue is drained).</summary>
    public void Flush() => _batch?.Flush();

    /// <summary>Copies the datagram's samples that tenants want into their batches.</summary>
    public void Share(ReadOnlySpan<byte> datagram)
    {
        var tenants = _tenants.Current;
        if (tenants.Length == 0)
        {
            return;
        }

        TickMs = Environment.TickCount64;
        var visitor = new TenantVisitor(datagram, this, tenants, _worker);
        // A malformed datagram simply ends the pass: the samples before the error were already shared.
        SflowDecoder.Decode(datagram, ref visitor);
    }

    /// <summary>Sends the gathered forwarded copies, and the tenants' partly filled datagrams whose flush interval has passed.</summary>
    public void Tick(long tickMs)
    {
        _batch?.Flush();
        foreach (var tenant in _tenants.Current)
        {
            tenant.Workers[_worker].FlushIfDue(tickMs, _flushIntervalMs, Sender);
        }
    }
}
