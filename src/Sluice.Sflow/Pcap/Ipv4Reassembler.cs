namespace Sluice.Sflow.Pcap;

/// <summary>
/// Reassembles IPv4 fragments (RFC 791 §3.2; RFC 815 hole logic reduced to a list of received ranges) keyed by
/// source, destination, protocol and identification. Memory is bounded (see <see cref="Ipv4ReassemblerOptions"/>):
/// the oldest datagram is evicted when all slots are busy, and datagrams expire by packet timestamp.
/// Not thread-safe: one per reader.
/// </summary>
/// <remarks>
/// The datagram returned by <see cref="Add(long, uint, uint, byte, ushort, int, bool, ReadOnlySpan{byte}, out ReadOnlyMemory{byte})"/>
/// is the IP payload (for UDP: the UDP header and data) in a buffer the reassembler reuses: valid until the next
/// call to Add or Clear. Slot buffers are kept after use, so steady reassembly does not allocate.
/// </remarks>
public sealed class Ipv4Reassembler
{
    private readonly Ipv4ReassemblerOptions _options;
    private readonly Slot[] _slots;
    private readonly long _timeoutNs;
    private long _now = long.MinValue;
    private long _sequence;

    public Ipv4Reassembler(Ipv4ReassemblerOptions? options = null)
    {
        _options = options ?? new Ipv4ReassemblerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxConcurrent, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxDatagramSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxFragmentsPerDatagram, nameof(options));
        _timeoutNs = _options.Timeout.Ticks * 100;
        _slots = new Slot[_options.MaxConcurrent];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(_options.MaxFragmentsPerDatagram);
        }
    }

    public Ipv4ReassemblerOptions Options => _options;

    /// <summary>Datagrams currently waiting for fragments.</summary>
    public int PendingCount
    {
        get
        {
            var count = 0;
            foreach (var slot in _slots)
            {
                count += slot.InUse ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Fragments stored (not counting duplicates and rejected ones).</summary>
    public long FragmentsAccepted { get; private set; }

    /// <summary>Datagrams completed.</summary>
    public long DatagramsReassembled { get; private set; }

    /// <summary>Fragments refused as overlapping, inconsistent or too large.</summary>
    public long FragmentsRejected { get; private set; }

    /// <summary>Exact duplicates ignored.</summary>
    public long DuplicateFragments { get; private set; }

    /// <summary>Incomplete datagrams evicted to make room.</summary>
    public long DatagramsEvicted { get; private set; }

    /// <summary>Incomplete datagrams expired by timestamp.</summary>
    public long DatagramsTimedOut { get; private set; }

    /// <summary>Every fragment that will never be part of a datagram: rejected, or held by a dropped, evicted, expired or cleared datagram.</summary>
    public long FragmentsDropped { get; private set; }

    /// <summary>Adds a fragment described by <see cref="UdpPayloadExtractor"/> (IPv4 only).</summary>
    public Ipv4ReassemblyResult Add(long timestampNs, in UdpDatagramInfo fragment, out ReadOnlyMemory<byte> datagram)
    {
        if (!fragment.IsFragment || fragment.IpVersion != 4)
        {
            throw new ArgumentException("not an IPv4 fragment", nameof(fragment));
        }

        return Add(
            timestampNs,
            fragment.Source.IPv4Value,
            fragment.Destination.IPv4Value,
            fragment.Protocol,
            (ushort)fragment.FragmentId,
            fragment.FragmentOffset,
            fragment.MoreFragments,
            fragment.Payload,
            out datagram);
    }

    /// <summary>
    /// Adds one fragment: <paramref name="offset"/> in bytes, <paramref name="data"/> the fragment's IP payload.
    /// On <see cref="Ipv4ReassemblyResult.Complete"/>, <paramref name="datagram"/> is the whole IP payload.
    /// </summary>
    public Ipv4ReassemblyResult Add(
        long timestampNs,
        uint source,
        uint destination,
        byte protocol,
        ushort id,
        int offset,
        bool moreFragments,
        ReadOnlySpan<byte> data,
        out ReadOnlyMemory<byte> datagram)
    {
        datagram = default;
        _now = Math.Max(_now, timestampNs);
        Expire();

        var end = offset + data.Length;
        var slot = Find(source, destination, protocol, id);

        // RFC 791: every fragment but the last carries a multiple of 8 bytes; nothing may pass the size limit.
        var inconsistent = offset < 0 || end > _options.MaxDatagramSize || (moreFragments && (data.Length == 0 || data.Length % 8 != 0));
        if (inconsistent)
        {
            return Reject(slot);
        }

        if (slot is null)
        {
            slot = Allocate();
            slot.Start(source, destination, protocol, id, _now, _sequence++);
        }

        for (var i = 0; i < slot.RangeCount; i++)
        {
            var (rangeStart, rangeEnd) = (slot.Starts[i], slot.Ends[i]);
            if (offset < rangeEnd && rangeStart < end)
            {
                if (offset == rangeStart && end == rangeEnd && data.SequenceEqual(slot.Buffer.AsSpan(offset, data.Length)))
                {
                    DuplicateFragments++;
                    return Ipv4ReassemblyResult.Duplicate;
                }

                return Reject(slot);
            }
        }

        if (!moreFragments)
        {
            if ((slot.TotalLength >= 0 && slot.TotalLength != end) || slot.MaxEnd > end)
            {
                return Reject(slot);
            }

            slot.TotalLength = end;
        }
        else if (slot.TotalLength >= 0 && end > slot.TotalLength)
        {
            return Reject(slot);
        }

        if (slot.RangeCount == slot.Starts.Length)
        {
            return Reject(slot);
        }

        slot.EnsureCapacity(end, _options.MaxDatagramSize);
        data.CopyTo(slot.Buffer.AsSpan(offset));
        slot.Starts[slot.RangeCount] = offset;
        slot.Ends[slot.RangeCount] = end;
        slot.RangeCount++;
        slot.Received += data.Length;
        slot.MaxEnd = Math.Max(slot.MaxEnd, end);
        FragmentsAccepted++;

        // Ranges never overlap, so the byte count equals the coverage.
        if (slot.TotalLength >= 0 && slot.Received == slot.TotalLength)
        {
            datagram = new ReadOnlyMemory<byte>(slot.Buffer, 0, slot.TotalLength);
            slot.InUse = false;
            DatagramsReassembled++;
            return Ipv4ReassemblyResult.Complete;
        }

        return Ipv4ReassemblyResult.Incomplete;
    }

    /// <summary>Drops every pending datagram (e.g. at end of file), counting their fragments as dropped.</summary>
    public void Clear()
    {
        foreach (var slot in _slots)
        {
            if (slot.InUse)
            {
                FragmentsDropped += slot.RangeCount;
                slot.InUse = false;
            }
        }
    }

    private Ipv4ReassemblyResult Reject(Slot? slot)
    {
        FragmentsRejected++;
        FragmentsDropped++;
        if (slot is not null)
        {
            FragmentsDropped += slot.RangeCount;
            slot.InUse = false;
        }

        return Ipv4ReassemblyResult.Rejected;
    }

    private void Expire()
    {
        foreach (var slot in _slots)
        {
            if (slot.InUse && _now - slot.FirstSeenNs > _timeoutNs)
            {
                DatagramsTimedOut++;
                FragmentsDropped += slot.RangeCount;
                slot.InUse = false;
            }
        }
    }

    private Slot? Find(uint source, uint destination, byte protocol, ushort id)
    {
        foreach (var slot in _slots)
        {
            if (slot.InUse && slot.Id == id && slot.Source == source && slot.Destination == destination && slot.Protocol == protocol)
            {
                return slot;
            }
        }

        return null;
    }

    private Slot Allocate()
    {
        Slot? oldest = null;
        foreach (var slot in _slots)
        {
            if (!slot.InUse)
            {
                return slot;
            }

            if (oldest is null || slot.Sequence < oldest.Sequence)
            {
                oldest = slot;
            }
        }

        DatagramsEvicted++;
        FragmentsDropped += oldest!.RangeCount;
        oldest.InUse = false;
        return oldest;
    }

    private sealed class Slot(int maxFragments)
    {
        public int[] Starts { get; } = new int[maxFragments];

        public int[] Ends { get; } = new int[maxFragments];

        public byte[] Buffer { get; private set; } = [];

        public bool InUse { get; set; }

        public uint Source { get; private set; }

        public uint Destination { get; private set; }

        public byte Protocol { get; private set; }

        public ushort Id { get; private set; }

        public long FirstSeenNs { get; private set; }

        public long Sequence { get; private set; }

        public int RangeCount { get; set; }

        public int Received { get; set; }

        public int MaxEnd { get; set; }

        /// <summary>Known once the last fragment (MF = 0) arrives; -1 before.</summary>
        public int TotalLength { get; set; }

        public void Start(uint source, uint destination, byte protocol, ushort id, long now, long sequence)
        {
            Source = source;
            Destination = destination;
            Protocol = protocol;
            Id = id;
            FirstSeenNs = now;
            Sequence = sequence;
            RangeCount = 0;
            Received = 0;
            MaxEnd = 0;
            TotalLength = -1;
            InUse = true;
        }

        public void EnsureCapacity(int length, int max)
        {
            if (Buffer.Length >= length)
            {
                return;
            }

            // Typical sFlow datagrams fit in a few KB; grow by doubling rather than taking 64 KB per slot up front.
            var size = Math.Max(length, Math.Min(Math.Max(Buffer.Length * 2, 4096), max));
            var grown = new byte[size];
            Buffer.AsSpan().CopyTo(grown);
            Buffer = grown;
        }
    }
}
