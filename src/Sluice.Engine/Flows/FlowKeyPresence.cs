using Sluice.Sflow.Packets;

namespace Sluice.Engine.Flows;

/// <summary>
/// Which flow keys the decoders produced recently (sflow-rt-api.md §3.6, <c>/flowkeys/json</c>), at the cost of a
/// bit mask per sample: every key belongs to one or more groups (a packet layer at a depth, an extended record,
/// a tunnel kind), a sample sets the bits of the groups it carries, and each set bit stamps that group's last-seen
/// time. A key's last-seen time is the latest of its groups', merged over shards at query time. A group stands for
/// what its decoder registers, so a key whose value also depends on the packet (<c>icmpseqno</c> only on echoes,
/// <c>direction</c> only when a port matches the data source) is reported when its layer was seen.
/// One writer (the shard worker); readers may see a stamp a moment late, never a torn one (longs are atomic on 64-bit).
/// </summary>
internal sealed class FlowKeyPresence
{
    /// <summary>Bits per packet layer: the <see cref="PacketLayers"/> flags below <see cref="PacketLayers.Truncated"/>.</summary>
    public const int LayerBits = 20;

    public const ulong Sample = 1UL << (2 * LayerBits);
    public const ulong Header = Sample << 1;
    public const ulong Dropped = Sample << 2;
    public const ulong Switch = Sample << 3;
    public const ulong Router = Sample << 4;
    public const ulong Gateway = Sample << 5;
    public const ulong Vxlan = Sample << 6;
    public const ulong Geneve = Sample << 7;
    public const ulong Nvgre = Sample << 8;

    /// <summary>With no flow defined, one flow sample in this many is decoded, for this list only.</summary>
    public const int SampleEveryWithoutFlows = 8;

    private const ulong LayerMask = (1UL << LayerBits) - 1;

    private readonly long[] _lastSeen = new long[64];
    private uint _withoutFlows;

    /// <summary>The group bit of packet layer flags at a depth (0 the outer packet, 1 the first tunnelled one).</summary>
    public static ulong Layer(PacketLayers layers, int depth) => ((ulong)layers & LayerMask) << (depth * LayerBits);

    /// <summary>The groups a filled sample carries.</summary>
    public static ulong GroupsOf(FlowSampleContext context)
    {
        var groups = Sample;
        if (context.Dropped)
        {
            groups |= Dropped;
        }

        if (context.HasHeader)
        {
            ref var packet = ref context.Packet;
            groups |= Header | Layer(packet.Outer.Layers, 0) | Layer(packet.Inner.Layers, 1);
            groups |= packet.Tunnel switch
            {
                TunnelKind.Vxlan => Vxlan,
                TunnelKind.Geneve => Geneve,
                TunnelKind.Nvgre => Nvgre,
                _ => 0,
            };
        }

        if (context.HasSwitch)
        {
            groups |= Switch;
        }

        if (context.HasRouter)
        {
            groups |= Router;
        }

        if (context.HasGateway)
        {
            groups |= Gateway;
        }

        return groups;
    }

    /// <summary>True for one call in <see cref="SampleEveryWithoutFlows"/> (the first included): whether to decode a sample no flow needs.</summary>
    public bool SampleWithoutFlows() => _withoutFlows++ % SampleEveryWithoutFlows == 0;

    /// <summary>Stamps the groups of the sample with <paramref name="nowMs"/> (the worker, once per flow or discard sample).</summary>
    public void Observe(FlowSampleContext context, long nowMs)
    {
        var groups = GroupsOf(context);
        while (groups != 0)
        {
            _lastSeen[System.Numerics.BitOperations.TrailingZeroCount(groups)] = nowMs;
            groups &= groups - 1;
        }
    }

    /// <summary>Raises each of <paramref name="lastSeen"/> (64 entries) to this shard's stamp.</summary>
    public void MergeInto(Span<long> lastSeen)
    {
        for (var i = 0; i < _lastSeen.Length; i++)
        {
            lastSeen[i] = Math.Max(lastSeen[i], Volatile.Read(ref _lastSeen[i]));
        }
    }
}
