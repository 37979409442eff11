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
/// the other core idle. The table is bounded (<paramref name="maxAgents"/>); past it, as under a flood of spoofed
/// agent addresses, agents are placed by hash.
/// </remarks>
internal sealed class IngestRouter(Shard[] shards, int maxAgents = 20_000) : IDatagramSink
{
    private readonly ConcurrentDictionary<SflowAddress, int> _owners = new();
    private readonly int[] _agentsPerShard = new int[shards.Length];
    private readonly Lock _placing = new();

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

        if (_owners.TryGetValue(agent, out var owner))
        {
            return owner;
        }

        lock (_placing)
        {
            if (_owners.TryGetValue(agent, out owner))
            {
                return owner;
            }

            if (_owners.Count >= maxAgents)
            {
                return (int)((uint)agent.GetHashCode() % (uint)shards.Length);
            }

            owner = 0;
            for (var i = 1; i < _agentsPerShard.Length; i++)
            {
                if (_agentsPerShard[i] < _agentsPerShard[owner])
                {
                    owner = i;
                }
            }

            _agentsPerShard[owner]++;
            _owners[agent] = owner;
            return owner;
        }
    }
}
