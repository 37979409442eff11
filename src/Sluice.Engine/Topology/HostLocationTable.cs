using System.Buffers.Binary;
using Sluice.Engine.Flows;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>
/// Where hosts attach, learned the way a switch learns: the source MAC of a sampled frame is located at the interface
/// the frame came in on, when that interface is an edge port (a host MAC seen arriving over an inter-switch link is
/// not attached there). One table per shard, written by its decode worker, read by queries under a lock held briefly.
/// </summary>
/// <remarks>
/// Entries are (MAC, agent, ifIndex): without a topology every port is an edge port, so a MAC is found at each switch
/// it enters, and all of them are reported, most recent first. The table is a fixed array with an LRU list and hash
/// chains by the whole (MAC, agent, ifIndex), allocated once: learning allocates nothing, and the least recently seen
/// entry makes room for a new one. Chains are not by MAC alone: a MAC seen at hundreds of ports would make every sample
/// walk hundreds of entries, and a per-MAC query (rare, from REST) can afford to walk the LRU list instead.
/// </remarks>
internal sealed class HostLocationTable
{
    /// <summary>sFlow v5: ifIndex 0x3FFFFFFF means the input interface is unknown.</summary>
    private const uint UnknownInterface = 0x3FFFFFFF;

    // A host seen again moves to the front of the LRU list at most once a second: moving touches three entries
    // scattered over the table, and an order right to the second is all eviction and the since-queries need.
    private const long MoveIntervalMs = 1000;

    private readonly Lock _lock = new();
    private readonly Entry[] _entries;
    private readonly int[] _buckets;
    private readonly int _shift;
    private int _count;
    private int _newest = -1;
    private int _oldest = -1;

    public HostLocationTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry[capacity];
        var bits = Math.Max(4, 64 - (int)ulong.LeadingZeroCount((ulong)capacity - 1) + 1);
        _buckets = new int[1 << bits];
        _shift = 64 - bits;
        Array.Fill(_buckets, -1);
    }

    public int Capacity => _entries.Length;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Learns from one flow sample (the decode worker's call, after the flows): the source MAC of a unicast frame that
    /// came in on a known interface that is not the end of a topology link. One thread only (the shard's worker) may call it.
    /// </summary>
    public void Observe(FlowSampleContext context, TopologySnapshot topology, long nowUnixMs)
    {
        if (context.Dropped || !context.HasHeader || context.InputFormat != 0 || context.Input is 0 or UnknownInterface)
        {
            return;
        }

        ref readonly var layer = ref context.Packet.Outer;
        var source = layer.SourceMac;
        if (source.Length != 6 || (source[0] & 0x01) != 0)
        {
            return; // no Ethernet header, or a group address, which no host sends from
        }

        var mac = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]);
        if (mac == 0 || topology.IsLinkEnd(context.Agent, context.Input))
        {
            return;
        }

        var vlan = layer.VlanCount > 0 ? layer.Vlan : context.HasSwitch ? (int)context.Switch.SourceVlan : -1;
        var agent = context.Agent;
        var input = context.Input;
        var address = layer.IpVersion is 4 or 6 ? layer.SourceAddress : default;

        // Only this worker changes the table, so it may look without the lock; queries hold the lock and see either
        // the old or the new last-seen time (one 8-byte write). The lock is taken only to change an entry's shape:
        // a new host, a move in the LRU list (at most once a second), a new VLAN or address.
        var slot = Find(mac, agent, input);
        if (slot >= 0)
        {
            ref var seen = ref _entries[slot];
            if (seen.Vlan == vlan && (slot == _newest || nowUnixMs - seen.MovedUnixMs < MoveIntervalMs) && SameAddress(seen, layer.IpVersion, address))
            {
                Volatile.Write(ref seen.LastSeenUnixMs, nowUnixMs);
                return;
            }
        }

        lock (_lock)
        {
            if (slot < 0)
            {
                slot = Insert(mac, agent, input);
                PushNewest(slot);
                _entries[slot].MovedUnixMs = nowUnixMs;
            }
            else if (slot != _newest && nowUnixMs - _entries[slot].MovedUnixMs >= MoveIntervalMs)
            {
                Unlink(slot);
                PushNewest(slot);
                _entries[slot].MovedUnixMs = nowUnixMs;
            }

            ref var entry = ref _entries[slot];
            entry.LastSeenUnixMs = nowUnixMs;
            entry.Vlan = vlan;
            if (layer.IpVersion == 4)
            {
                entry.IPv4 = SflowAddress.FromIPv4(address);
            }
            else if (layer.IpVersion == 6)
            {
                entry.IPv6 = SflowAddress.FromIPv6(address);
            }
        }
    }

    /// <summary>Adds every location of <paramref name="mac"/> seen since <paramref name="sinceUnixMs"/> to <paramref name="result"/>.</summary>
    public void Locate(ulong mac, long sinceUnixMs, List<HostSighting> result)
    {
        lock (_lock)
        {
            for (var i = _newest; i >= 0 && _entries[i].LastSeenUnixMs >= sinceUnixMs; i = _entries[i].Older)
            {
                if (_entries[i].Mac == mac)
                {
                    result.Add(_entries[i].Sighting);
                }
            }
        }
    }

    /// <summary>
    /// Adds every location seen since <paramref name="sinceUnixMs"/> to <paramref name="result"/>, newest first (the
    /// list is in order to within <see cref="MoveIntervalMs"/>, so a host seen in the second before the cut may be left out).
    /// </summary>
    public void All(long sinceUnixMs, List<HostSighting> result)
    {
        lock (_lock)
        {
            for (var i = _newest; i >= 0 && _entries[i].LastSeenUnixMs >= sinceUnixMs; i = _entries[i].Older)
            {
                result.Add(_entries[i].Sighting);
            }
        }
    }

    /// <summary>True when the sample's source address (if any) is the one the entry already holds.</summary>
    private static bool SameAddress(in Entry entry, int ipVersion, ReadOnlySpan<byte> address) => ipVersion switch
    {
        4 => address.Length == 4 && entry.IPv4.Type == SflowAddressType.IPv4 && entry.IPv4.IPv4Value == BinaryPrimitives.ReadUInt32BigEndian(address),
        6 => entry.IPv6.Type == SflowAddressType.IPv6 && entry.IPv6.Bytes.SequenceEqual(address),
        _ => true,
    };

    /// <summary>The agent's address bytes folded into a number: cheaper per sample than <see cref="SflowAddress.GetHashCode"/>.</summary>
    private static ulong AgentHash(in SflowAddress agent)
    {
        var bytes = agent.Bytes;
        return bytes.Length == 16
            ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..])
            : bytes.Length == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : 0;
    }

    private int Bucket(ulong mac, in SflowAddress agent, uint ifIndex) =>
        (int)(((((mac ^ ((ulong)ifIndex << 40)) * 0x9E3779B97F4A7C15UL) ^ AgentHash(agent)) * 0x9E3779B97F4A7C15UL) >> _shift);

    private int Find(ulong mac, in SflowAddress agent, uint ifIndex)
    {
        for (var i = _buckets[Bucket(mac, agent, ifIndex)]; i >= 0; i = _entries[i].Chain)
        {
            ref readonly var entry = ref _entries[i];
            if (entry.Mac == mac && entry.IfIndex == ifIndex && entry.Agent.Equals(agent))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Takes a free slot, or the least recently seen one, and chains it under its MAC; the caller links it newest.</summary>
    private int Insert(ulong mac, in SflowAddress agent, uint ifIndex)
    {
        int slot;
        if (_count < _entries.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _oldest;
            Unlink(slot);
            Unchain(slot);
        }

        var bucket = Bucket(mac, agent, ifIndex);
        _entries[slot] = new Entry { Mac = mac, Agent = agent, IfIndex = ifIndex, Vlan = -1, Chain = _buckets[bucket], Newer = -1, Older = -1 };
        _buckets[bucket] = slot;
        return slot;
    }

    private void Unchain(int slot)
    {
        ref readonly var removed = ref _entries[slot];
        var bucket = Bucket(removed.Mac, removed.Agent, removed.IfIndex);
        if (_buckets[bucket] == slot)
        {
            _buckets[bucket] = _entries[slot].Chain;
            return;
        }

        for (var i = _buckets[bucket]; i >= 0; i = _entries[i].Chain)
        {
            if (_entries[i].Chain == slot)
            {
                _entries[i].Chain = _entries[slot].Chain;
                return;
            }
        }
    }

    private void Unlink(int slot)
    {
        ref var entry = ref _entries[slot];
        if (entry.Newer >= 0)
        {
            _entries[entry.Newer].Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }

        if (entry.Older >= 0)
        {
            _entries[entry.Older].Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        entry.Newer = entry.Older = -1;
    }

    private void PushNewest(int slot)
    {
        _entries[slot].Older = _newest;
        _entries[slot].Newer = -1;
        if (_newest >= 0)
        {
            _entries[_newest].Newer = slot;
        }

        _newest = slot;
        if (_oldest < 0)
        {
            _oldest = slot;
        }
    }

    // What a sample reads (the chain walk, the times, the VLAN, the agent) comes first, so a known host costs one or two
    // cache lines rather than the whole entry.
    private struct Entry
    {
        public ulong Mac;
        public long LastSeenUnixMs;

        /// <summary>When the entry last moved to the front of the LRU list.</summary>
        public long MovedUnixMs;
        public uint IfIndex;

        /// <summary>Next entry in the same hash bucket.</summary>
        public int Chain;
        public int Vlan;
        public SflowAddress Agent;
        public SflowAddress IPv4;
        public SflowAddress IPv6;

        /// <summary>LRU neighbours: the entry seen just after this one, and just before.</summary>
        public int Newer;
        public int Older;

        public readonly HostSighting Sighting => new(Mac, Agent, IfIndex, Vlan, IPv4, IPv6, LastSeenUnixMs);
    }
}
