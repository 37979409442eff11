using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Flows;

/// <summary>
/// Everything the flow language can ask about one flow (or discard) sample: the decoded sampled header and the
/// sample's metadata and extended records. One instance per shard, refilled for every sample with
/// <see cref="BeginSample"/> and <see cref="AddRecord"/>; nothing is allocated after construction.
/// </summary>
public sealed class FlowSampleContext
{
    /// <summary>AS path entries and communities kept; longer lists are cut (flow keys rarely need more).</summary>
    public const int MaxListLength = 32;

    /// <summary>sFlow v5: an ifIndex of 0x3FFFFFFF means "unknown" on input and "internal" on output.</summary>
    private const uint InterfaceSpecial = 0x3FFFFFFF;

    private readonly uint[] _asPath = new uint[MaxListLength];
    private readonly uint[] _communities = new uint[MaxListLength];
    private PacketFields _packet;
    private FlowFieldTextCache? _fieldTexts;

    /// <summary>The decoded sampled header (sampled_header record 0:1).</summary>
    public ref PacketFields Packet => ref _packet;

    /// <summary>True when a sampled_header record was decoded for this sample.</summary>
    public bool HasHeader { get; private set; }

    /// <summary>The agent address from the datagram header.</summary>
    public SflowAddress Agent { get; private set; }

    /// <summary>True for a discard (dropped packet) sample.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Discard reason code (sflow_drops.txt), valid when <see cref="Dropped"/>.</summary>
    public uint DiscardReason { get; private set; }

    public uint SourceIdIndex { get; private set; }

    public uint SamplingRate { get; private set; }

    /// <summary>sFlow port format of the input port: 0 ifIndex, 1 discard, 2 multiple.</summary>
    public uint InputFormat { get; private set; }

    public uint Input { get; private set; }

    public uint OutputFormat { get; private set; }

    public uint Output { get; private set; }

    /// <summary>Frame length of the sampled packet (sFlow-RT <c>bytes</c>), 0 without a header record.</summary>
    public uint FrameLength { get; private set; }

    public uint Stripped { get; private set; }

    public bool HasSwitch { get; private set; }

    public ExtendedSwitch Switch { get; private set; }

    public bool HasRouter { get; private set; }

    public SflowAddress RouterNextHop { get; private set; }

    public uint SourceMaskBits { get; private set; }

    public uint DestinationMaskBits { get; private set; }

    public bool HasGateway { get; private set; }

    /// <summary>BGP next hop; Unknown for v4 datagrams, which lack it.</summary>
    public SflowAddress BgpNextHop { get; private set; }

    public uint BgpAs { get; private set; }

    public uint BgpSourceAs { get; private set; }

    public uint BgpSourcePeerAs { get; private set; }

    public uint BgpLocalPref { get; private set; }

    /// <summary>The destination AS path flattened over its segments, nearest AS first.</summary>
    public ReadOnlySpan<uint> BgpAsPath => _asPath.AsSpan(0, AsPathLength);

    /// <summary>BGP communities (32-bit values).</summary>
    public ReadOnlySpan<uint> BgpCommunities => _communities.AsSpan(0, CommunityCount);

    private int AsPathLength { get; set; }

    private int CommunityCount { get; set; }

    /// <summary>Resets the context for a new flow or discard sample.</summary>
    public void BeginSample(SflowAddress agent, in SflowSample sample)
    {
        _fieldTexts?.Stop();
        _packet.Reset();
        HasHeader = false;
        Agent = agent;
        Dropped = sample.Kind == SampleKind.Discard;
        DiscardReason = sample.DiscardReason;
        SourceIdIndex = sample.SourceIdIndex;
        SamplingRate = sample.SamplingRate;
        InputFormat = sample.InputFormat;
        Input = sample.Input;
        OutputFormat = sample.OutputFormat;
        Output = sample.Output;
        FrameLength = 0;
        Stripped = 0;
        HasSwitch = false;
        Switch = default;
        HasRouter = false;
        RouterNextHop = default;
        SourceMaskBits = 0;
        DestinationMaskBits = 0;
        HasGateway = false;
        BgpNextHop = default;
        BgpAs = BgpSourceAs = BgpSourcePeerAs = BgpLocalPref = 0;
        AsPathLength = 0;
        CommunityCount = 0;
    }

    /// <summary>Takes what the flow language needs from one flow record; other records are ignored.</summary>
    /// <returns>False when a known record is too short to read (it is then ignored).</returns>
    public bool AddRecord(in SflowRecord record)
    {
        _fieldTexts?.Stop();
        if (record.Tag == FlowRecordTags.SampledHeader)
        {
            if (!SampledHeader.TryRead(record, out var header))
            {
                return false;
            }

            FrameLength = header.FrameLength;
            Stripped = header.Stripped;
            HasHeader = true;
            SampledHeaderDecoder.Decode(header.Protocol, header.Header, ref _packet);
            return true;
        }

        if (record.Tag == FlowRecordTags.ExtendedSwitch)
        {
            if (!ExtendedSwitch.TryRead(record, out var value))
            {
                return false;
            }

            Switch = value;
            HasSwitch = true;
            return true;
        }

        if (record.Tag == FlowRecordTags.ExtendedRouter)
        {
            // sFlow v5 extended_router: next_hop address, src_mask_len, dst_mask_len.
            var reader = new SflowReader(record.Body);
            if (!reader.TryReadAddress(out var nextHop) || !reader.TryReadUInt32(out var sourceMask) || !reader.TryReadUInt32(out var destinationMask))
            {
                return false;
            }

            RouterNextHop = nextHop;
            SourceMaskBits = sourceMask;
            DestinationMaskBits = destinationMask;
            HasRouter = true;
            return true;
        }

        if (record.Tag == FlowRecordTags.ExtendedGateway && record.Version >= 4)
        {
            return ReadGateway(record);
        }

        return true;
    }

    /// <summary>
    /// Declares the sample complete: until the next <see cref="BeginSample"/> or <see cref="AddRecord"/>, each flow key
    /// field is formatted once and its text reused by every key and filter that names it. The shard worker calls this
    /// before evaluating its definitions; nothing may change <see cref="Packet"/> meanwhile.
    /// </summary>
    internal void CacheFieldTexts() => (_fieldTexts ??= new FlowFieldTextCache(FlowKeys.Count)).Start();

    /// <summary>Writes a field's text, from the per-sample cache when <see cref="CacheFieldTexts"/> is in force.</summary>
    internal int WriteField(FlowKeyField field, Span<char> destination) =>
        _fieldTexts is null ? field.Write(this, destination) : _fieldTexts.Write(field, this, destination);

    /// <summary>Writes the sFlow-RT text of an ifIndex field: the number, <c>unknown</c>, <c>internal</c>, <c>discard</c> or <c>multiple</c>.</summary>
    internal static int FormatPort(uint format, uint value, bool output, Span<char> destination)
    {
        ReadOnlySpan<char> text = format switch
        {
            1 => "discard",
            2 => "multiple",
            _ when value == InterfaceSpecial => output ? "internal" : "unknown",
            _ => default,
        };
        if (!text.IsEmpty)
        {
            return text.TryCopyTo(destination) ? text.Length : -1;
        }

        return FlowFormat.Number(value, destination);
    }

    private bool ReadGateway(in SflowRecord record)
    {
        // sFlow v5 extended_gateway: nexthop (v5 only), as, src_as, src_peer_as, dst_as_path<segments>, communities<>, localpref.
        var reader = new SflowReader(record.Body);
        var nextHop = default(SflowAddress);
        if ((record.Version >= 5 && !reader.TryReadAddress(out nextHop))
            || !reader.TryReadUInt32(out var localAs) || !reader.TryReadUInt32(out var sourceAs)
            || !reader.TryReadUInt32(out var sourcePeerAs) || !reader.TryReadUInt32(out var segments))
        {
            return false;
        }

        var pathLength = 0;
        for (var s = 0u; s < segments; s++)
        {
            if (!reader.TryReadUInt32(out _) || !reader.TryReadUInt32(out var count))
            {
                return false;
            }

            for (var i = 0u; i < count; i++)
            {
                if (!reader.TryReadUInt32(out var asn))
                {
                    return false;
                }

                if (pathLength < MaxListLength)
                {
                    _asPath[pathLength++] = asn;
                }
            }
        }

        if (!reader.TryReadUInt32(out var communityCount))
        {
            return false;
        }

        var communities = 0;
        for (var i = 0u; i < communityCount; i++)
        {
            if (!reader.TryReadUInt32(out var community))
            {
                return false;
            }

            if (communities < MaxListLength)
            {
                _communities[communities++] = community;
            }
        }

        if (!reader.TryReadUInt32(out var localPref))
        {
            return false;
        }

        BgpNextHop = nextHop;
        BgpAs = localAs;
        BgpSourceAs = sourceAs;
        BgpSourcePeerAs = sourcePeerAs;
        BgpLocalPref = localPref;
        AsPathLength = pathLength;
        CommunityCount = communities;
        HasGateway = true;
        return true;
    }
}
