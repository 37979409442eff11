using System.Collections.Concurrent;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Sends each datagram to the shard that owns its agent: the agent address in the sFlow header (not the UDP
/// source, which a relay or NAT may share between agents) picks the shard.
/// </summary>
/// <remarks>
/// A new agent goes to the shard with the fewest agents, and stays there. Hashing the address would balance
/// thousands of agents, but a site with a handful of busy switches can land three of four on one shard and leave
/// the other core idle. The table is bounded (<paramref name="maxAgents"/>). When it is full, placements whose shard no
/// longer holds the agent (it expired, or the shard's agent limit refused it) are forgotten, at most once a second and
/// only once they are a minute old, so a placement is never dropped before its first datagram is processed. Past the
/// bound, as under a flood of spoofed agent addresses, agents are placed by hash.
/// </remarks>
internal sealed class IngestRouter(Shard[] shards, int maxAgents = 20_000, Func<long>? tickMs = null) : IDatagramSink
{
    private const long ReclaimIntervalMs = 1_000;
    private const long MinimumAgeMs = 60_000;
    private const long Never = long.MinValue;

    private readonly ConcurrentDictionary<SflowAddress, Placement> _owners = new();
    private readonly int[] _agentsPerShard = new int[shards.Length];
    private readonly Func<long> _tickMs = tickMs ?? (() => Environment.TickCount64);
    private readonly Lock _placing = new();
    // Counted here rather than by ConcurrentDictionary.Count, which takes every bucket lock: a spoofed flood places an agent per datagram.
    private int _placed;
    private long _lastReclaimMs = Never;

    public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        var key = SflowDecoder.TryReadHeader(datagram, out var header) ? header.Agent : source;
        return shards[ShardOf(key)].Submit(datagram, source, receivedUnixMs);
    }

    /// <summary>The index of the shard that owns <paramref name="agent"/>, placing it on first sight.</summary>
    public int ShardOf(in SflowAddress agent)
    {
        if (shards.Length == 1)
        {
            return 0;
        }

        if (_owners.TryGetValue(agent, out var placement))
        {
            return placement.Shard;
        }

        lock (_placing)
        {
            if (_owners.TryGetValue(agent, out placement))
            {
                return placement.Shard;
            }

            var now = _tickMs();
            if (_placed >= maxAgents && !TryReclaim(now))
            {
                return (int)((uint)agent.GetHashCode() % (uint)shards.Length);
            }

            var owner = 0;
            for (var i = 1; i < _agentsPerShard.Length; i++)
            {
                if (_agentsPerShard[i] < _agentsPerShard[owner])
                {
                    owner = i;
                }
            }

            _agentsPerShard[owner]++;
            _placed++;
            _owners[agent] = new Placement(owner, now);
            return owner;
        }
    }

    /// <summary>Forgets placements whose shard no longer holds the agent (under <see cref="_placing"/>); true when room was made.</summary>
    private bool TryReclaim(long now)
    {
        if (_lastReclaimMs != Never && now - _lastReclaimMs < ReclaimIntervalMs)
        {
            return false;
        }

        _lastReclaimMs = now;
        foreach (var (agent, placement) in _owners)
        {
            if (now - placement.PlacedMs >= MinimumAgeMs && !shards[placement.Shard].TryFindAgent(agent, out _) && _owners.TryRemove(agent, out _))
            {
                _agentsPerShard[placement.Shard]--;
                _placed--;
            }
        }

        return _placed < maxAgents;
    }

    private readonly record struct Placement(int Shard, long PlacedMs);
}
