using Sluice.Engine.Flows.Tables;

namespace Sluice.Engine.Flows;

/// <summary>
/// The flows of one flow definition at one data source: key → the definition's <c>value</c> and its
/// <c>values</c> (sflow-rt-api.md §3.2), each kept by a column of its kind. Sums are rates per second: each
/// event adds value × sampling rate / t and every rate decays by exp(−Δt/t), t the definition's time constant.
/// <c>avg:</c> is a decayed average, <c>min:</c>, <c>max:</c> and <c>count:</c> cover the last t to 2t seconds
/// (see the column types). At most <see cref="Capacity"/> keys are kept: a new key in a full table replaces
/// the one with the smallest <c>value</c>, so memory stays bounded whatever keys arrive while the heavy hitters stay.
/// Beside the sums of every sample, the table keeps the sums of the samples that <em>entered</em> the network at its
/// data source (see <see cref="Entering"/>), which <c>aggMode=edge</c> adds up.
/// </summary>
/// <remarks>
/// Sums are stored scaled to a common landmark time (forward decay), so adding costs one exp per event rather
/// than per entry, and the smallest entry is found by comparing stored numbers. The landmark moves forward before
/// the scale can overflow. Writes come from one shard worker, reads from the query side; a lock keeps them apart.
/// Keys live in per-slot character storage (<see cref="FlowKeyStore"/>) found through an open-addressing index
/// (<see cref="FlowSlotIndex"/>), so a sample allocates nothing even when its key is new and evicts another; strings
/// are made for query results only. When the <c>value</c> is a sum, a min-heap of slots (<see cref="FlowSlotHeap"/>)
/// names the slot to evict without a scan.
/// </remarks>
public sealed class FlowTable
{
    // exp(200) is far from double's range, so scaled values cannot overflow before the landmark moves.
    private const double MaxExponent = 200;

    private static readonly FlowValueKind[] SumOnly = [FlowValueKind.Sum];

    private readonly Lock _lock = new();
    // Structs, not objects: an add reaches their arrays straight from the table (see FlowKeyStore). Never copied.
    private FlowKeyStore _keys;
    private FlowSlotIndex _index;
    // Present when the value is a sum; the other kinds are found by a scan (see FlowColumn.SmallestSlot).
    private readonly FlowSlotHeap? _heap;
    private readonly FlowColumn[] _columns;
    // The sums of the value column when it is the only one and a sum (bytes, frames): adds skip the column object.
    private readonly double[]? _sumOnly;
    private readonly double _tMs;
    private readonly double _t;
    private int _count;
    private long _landmarkMs;
    private double _totalScaled;
    private double _enteringTotalScaled;
    // The clock of the last add: the samples of one datagram share their time, so exp and the window are worked out once.
    private long _clockMs = long.MinValue;
    private bool _retired;
    private FlowClock _clock;

    /// <summary>A table with one summed value.</summary>
    /// <param name="capacity">Most keys kept (at least 1).</param>
    /// <param name="t">Smoothing time constant in seconds (greater than zero).</param>
    /// <param name="startMs">Time (ms) the table starts at.</param>
    public FlowTable(int capacity, double t, long startMs = 0)
        : this(capacity, t, SumOnly, startMs)
    {
    }

    /// <summary>A table whose first kind is the definition's <c>value</c> (it orders and evicts), the rest its <c>values</c>.</summary>
    public FlowTable(int capacity, double t, IReadOnlyList<FlowValueKind> kinds, long startMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        Capacity = capacity;
        _t = t;
        _tMs = t * 1000;
        _keys = new FlowKeyStore(capacity);
        _index = new FlowSlotIndex();
        _columns = new FlowColumn[kinds.Count];
        for (var i = 0; i < kinds.Count; i++)
        {
            _columns[i] = FlowColumn.Create(kinds[i], capacity, t);
        }

        _sumOnly = _columns.Length == 1 && _columns[0] is SumColumn only ? only.Sums : null;
        _heap = _columns[0] is SumColumn sum ? new FlowSlotHeap(sum.Sums, SumColumn.Stride) : null;

        _landmarkMs = startMs;
        LastUpdateMs = startMs;
    }

    /// <summary>The capacity sFlow-RT's top-n needs with room for candidates: 4 × n + 100.</summary>
    public static int CapacityFor(int n) => (4 * n) + 100;

    public int Capacity { get; }

    /// <summary>Keys currently held.</summary>
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

    /// <summary>True once the table was dropped from its flow's tables (its data source expired): a worker holding it looks it up again.</summary>
    internal bool Retired => Volatile.Read(ref _retired);

    /// <summary>When <see cref="Add(ReadOnlySpan{char}, double, long)"/> was last called (ms).</summary>
    public long LastUpdateMs { get; private set; }

    /// <summary>Adds an event of <paramref name="weight"/> (already scaled by the sampling rate) to <paramref name="key"/>'s first value.</summary>
    public void Add(ReadOnlySpan<char> key, double weight, long nowMs)
    {
        var measure = FlowMeasure.Of(weight);
        Add(key, new ReadOnlySpan<FlowMeasure>(in measure), 1, nowMs);
    }

    /// <summary>
    /// Adds one sample to <paramref name="key"/>: <paramref name="measures"/> holds the <c>value</c> (which must be
    /// present) then each of the <c>values</c>; <paramref name="scale"/> is the sampling rate the sums are scaled by.
    /// </summary>
    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<FlowMeasure> measures, double scale, long nowMs) =>
        Add(key, measures, scale, nowMs, entering: true);

    /// <summary>
    /// As <see cref="Add(ReadOnlySpan{char}, ReadOnlySpan{FlowMeasure}, double, long)"/>; <paramref name="entering"/>
    /// is false for an egress sample (the packet left through the data source's port, so it entered elsewhere).
    /// </summary>
    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<FlowMeasure> measures, double scale, long nowMs, bool entering)
    {
        var hash = FlowKeyHash.Of(key);
        lock (_lock)
        {
            LastUpdateMs = Math.Max(LastUpdateMs, nowMs);
            var clock = AddClock(nowMs);
            var weight = measures[0].Number * scale / _t * clock.Growth;
            _totalScaled += weight;
            var slot = _index.Find(in _keys, key, hash);
            if (slot < 0)
            {
                slot = Insert(key, hash, clock);
            }

            if (entering)
            {
                _enteringTotalScaled += weight;
                _keys.MarkEntered(slot);
            }

            if (_sumOnly is not null && measures[0].Present)
            {
                // The column would add measure × scale / t × growth: the weight just worked out, to the same bits.
                SumColumn.AddWeight(_sumOnly, slot, weight, entering);
                RefreshIfShrunk(slot, weight);
                return;
            }

            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i].Add(slot, i < measures.Length ? measures[i] : default, scale, clock);
            }

            if (entering)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    _columns[i].AddEntering(slot, i < measures.Length ? measures[i] : default, scale, clock);
                }
            }

            RefreshIfShrunk(slot, weight);
        }
    }

    /// <summary>The <paramref name="n"/> largest flows by <c>value</c> at <paramref name="nowMs"/>, largest first.</summary>
    public List<FlowRate> Top(int n, long nowMs)
    {
        lock (_lock)
        {
            var clock = Clock(nowMs);
            var take = Math.Min(Math.Max(n, 0), _count);
            var order = new int[_count];
            var ranks = new double[_count];
            for (var i = 0; i < _count; i++)
            {
                order[i] = i;
                ranks[i] = -_columns[0].Rank(i, clock);
            }

            Array.Sort(ranks, order);
            var result = new List<FlowRate>(take);
            for (var i = 0; i < take; i++)
            {
                result.Add(Row(order[i], clock));
            }

            return result;
        }
    }

    /// <summary>Every held key at <paramref name="nowMs"/> (largest first).</summary>
    public List<FlowRate> All(long nowMs) => Top(int.MaxValue, nowMs);

    /// <summary>The flow of <paramref name="key"/> at <paramref name="nowMs"/>; false when the table does not hold it.</summary>
    public bool TryGet(ReadOnlySpan<char> key, long nowMs, out FlowRate rate)
    {
        var hash = FlowKeyHash.Of(key);
        lock (_lock)
        {
            var slot = _index.Find(in _keys, key, hash);
            if (slot >= 0)
            {
                rate = Row(slot, Clock(nowMs));
                return true;
            }

            rate = default;
            return false;
        }
    }

    /// <summary>
    /// Adds every flow whose <c>value</c> at <paramref name="nowMs"/> is above <paramref name="threshold"/> to
    /// <paramref name="result"/> (in no particular order, with its <c>values</c>). One comparison per key and no sort:
    /// the threshold checker calls this every second.
    /// </summary>
    public void Above(double threshold, long nowMs, List<FlowRate> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            var clock = Clock(nowMs);
            for (var i = 0; i < _count; i++)
            {
                if (_columns[0].Read(i, clock) > threshold)
                {
                    result.Add(Row(i, clock));
                }
            }
        }
    }

    /// <summary>
    /// The flows that samples <em>entered</em> the network with at this data source (every sample but egress ones),
    /// with the sums of those samples alone, largest first. Added up over the edge ports of a topology, each packet
    /// counts once, where it entered, whether the agents sample ingress only or both directions (sflow-rt-api.md §3.3).
    /// </summary>
    public List<FlowRate> Entering(long nowMs)
    {
        lock (_lock)
        {
            var clock = Clock(nowMs);
            var result = new List<FlowRate>();
            for (var i = 0; i < _count; i++)
            {
                if (_keys.EnteredOf(i))
                {
                    result.Add(Row(i, clock, entering: true));
                }
            }

            result.Sort((a, b) => b.Value.CompareTo(a.Value));
            return result;
        }
    }

    /// <summary>As <see cref="Total"/>, for the samples that entered the network here (see <see cref="Entering"/>).</summary>
    public double EnteringTotal(long nowMs)
    {
        lock (_lock)
        {
            return _enteringTotalScaled / Clock(nowMs).Growth;
        }
    }

    /// <summary>The rate of every <c>value</c> added (evicted keys included), decayed to <paramref name="nowMs"/>.</summary>
    public double Total(long nowMs)
    {
        lock (_lock)
        {
            return _totalScaled / Clock(nowMs).Growth;
        }
    }

    private FlowRate Row(int slot, in FlowClock clock, bool entering = false)
    {
        double[]? values = null;
        if (_columns.Length > 1)
        {
            values = new double[_columns.Length - 1];
            for (var i = 1; i < _columns.Length; i++)
            {
                values[i - 1] = entering ? _columns[i].ReadEntering(slot, clock) : _columns[i].Read(slot, clock);
            }
        }

        return new FlowRate(_keys.TextOf(slot), entering ? _columns[0].ReadEntering(slot, clock) : _columns[0].Read(slot, clock), values);
    }

    /// <summary>
    /// Gives <paramref name="key"/> a slot: the next free one, or in a full table the one with the smallest
    /// <c>value</c>, whose key is dropped. Its columns start empty; the caller adds the sample.
    /// </summary>
    private int Insert(ReadOnlySpan<char> key, uint hash, in FlowClock clock)
    {
        var evicting = _count == Capacity;
        var slot = !evicting ? _count++ : _heap?.Smallest() ?? _columns[0].SmallestSlot(_count, clock);
        if (evicting)
        {
            _index.Remove(in _keys, slot);
        }

        _keys.Set(slot, key, hash);
        _index.Add(slot, hash);
        foreach (var column in _columns)
        {
            column.Clear(slot);
        }

        // The value is 0 now: the heap places the slot by it, and the add that follows only grows it.
        if (evicting)
        {
            _heap?.Refresh(slot);
        }
        else
        {
            _heap?.Add(slot);
        }

        return slot;
    }

    /// <summary>
    /// The eviction heap keeps, for each slot, a value no larger than its sum (see <see cref="FlowSlotHeap"/>), so an
    /// add that grew the sum needs nothing; a negative or NaN weight may have shrunk it.
    /// </summary>
    private void RefreshIfShrunk(int slot, double weight)
    {
        if (!(weight >= 0))
        {
            _heap?.Refresh(slot);
        }
    }

    /// <summary>Marks the table dropped (see <see cref="Retired"/>).</summary>
    internal void Retire() => Volatile.Write(ref _retired, true);

    /// <summary>The clock for an add at <paramref name="nowMs"/>, moving the landmark first when the scale would grow too large.</summary>
    private FlowClock AddClock(long nowMs)
    {
        if (nowMs == _clockMs)
        {
            return _clock;
        }

        var exponent = (nowMs - _landmarkMs) / _tMs;
        if (exponent > MaxExponent)
        {
            Rescale(nowMs);
            exponent = 0;
        }

        _clock = new FlowClock(Math.Exp(exponent), Window(nowMs));
        _clockMs = nowMs;
        return _clock;
    }

    private FlowClock Clock(long nowMs) => new(Math.Exp((nowMs - _landmarkMs) / _tMs), Window(nowMs));

    private long Window(long nowMs) => (long)Math.Floor(nowMs / _tMs);

    private void Rescale(long nowMs)
    {
        var factor = Math.Exp(-(nowMs - _landmarkMs) / _tMs);
        foreach (var column in _columns)
        {
            column.Rescale(factor, _count);
        }

        _heap?.Rescale(factor);
        _totalScaled *= factor;
        _enteringTotalScaled *= factor;
        _landmarkMs = nowMs;
        _clockMs = long.MinValue;
    }
}
