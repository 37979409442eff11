namespace Sluice.Engine.Flows;

/// <summary>
/// The smoothed rates of one flow definition at one data source: key → value per second. Each event of weight
/// w adds w/t to its key's rate, and every rate decays by exp(-Δt/t), t the definition's time constant.
/// At most <see cref="Capacity"/> keys are kept: a new key in a full table replaces the smallest one, so memory
/// stays bounded whatever keys arrive while the heavy hitters stay.
/// </summary>
/// <remarks>
/// Rates are stored scaled to a common landmark time (forward decay), so adding costs no exp per entry and the
/// smallest entry is found by comparing stored numbers. The landmark moves forward before the scale can overflow.
/// Writes come from one shard worker, reads from the query side; a lock keeps them apart.
/// </remarks>
public sealed class FlowTable
{
    // exp(200) is far from double's range, so scaled values cannot overflow before the landmark moves.
    private const double MaxExponent = 200;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _keys;
    private readonly double[] _scaled;
    private readonly double _tMs;
    private readonly double _t;
    private int _count;
    private long _landmarkMs;
    private double _totalScaled;

    /// <param name="capacity">Most keys kept (at least 1).</param>
    /// <param name="t">Smoothing time constant in seconds (greater than zero).</param>
    /// <param name="startMs">Time (ms) the table starts at.</param>
    public FlowTable(int capacity, double t, long startMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        Capacity = capacity;
        _t = t;
        _tMs = t * 1000;
        _index = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = new string[capacity];
        _scaled = new double[capacity];
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

    /// <summary>When <see cref="Add"/> was last called (ms).</summary>
    public long LastUpdateMs { get; private set; }

    /// <summary>Adds an event of <paramref name="weight"/> (already scaled by the sampling rate) to <paramref name="key"/>.</summary>
    public void Add(ReadOnlySpan<char> key, double weight, long nowMs)
    {
        lock (_lock)
        {
            LastUpdateMs = Math.Max(LastUpdateMs, nowMs);
            var exponent = (nowMs - _landmarkMs) / _tMs;
            if (exponent > MaxExponent)
            {
                Rescale(nowMs);
                exponent = 0;
            }

            var scaled = weight / _t * Math.Exp(exponent);
            _totalScaled += scaled;
            if (_lookup.TryGetValue(key, out var slot))
            {
                _scaled[slot] += scaled;
                return;
            }

            if (_count < Capacity)
            {
                slot = _count++;
            }
            else
            {
                slot = SmallestSlot();
                _index.Remove(_keys[slot]);
            }

            var interned = key.ToString();
            _keys[slot] = interned;
            _scaled[slot] = scaled;
            _index[interned] = slot;
        }
    }

    /// <summary>The <paramref name="n"/> largest rates decayed to <paramref name="nowMs"/>, largest first.</summary>
    public List<FlowRate> Top(int n, long nowMs)
    {
        lock (_lock)
        {
            var take = Math.Min(Math.Max(n, 0), _count);
            var order = new int[_count];
            for (var i = 0; i < _count; i++)
            {
                order[i] = i;
            }

            var scaled = _scaled;
            Array.Sort(order, (a, b) => scaled[b].CompareTo(scaled[a]));
            var factor = DecayFactor(nowMs);
            var result = new List<FlowRate>(take);
            for (var i = 0; i < take; i++)
            {
                result.Add(new FlowRate(_keys[order[i]], scaled[order[i]] * factor));
            }

            return result;
        }
    }

    /// <summary>Every held key with its rate decayed to <paramref name="nowMs"/> (in no particular order).</summary>
    public List<FlowRate> All(long nowMs) => Top(int.MaxValue, nowMs);

    /// <summary>The rate of everything added (evicted keys included), decayed to <paramref name="nowMs"/>.</summary>
    public double Total(long nowMs)
    {
        lock (_lock)
        {
            return _totalScaled * DecayFactor(nowMs);
        }
    }

    private double DecayFactor(long nowMs) => Math.Exp(-(nowMs - _landmarkMs) / _tMs);

    private int SmallestSlot()
    {
        var smallest = 0;
        var value = _scaled[0];
        for (var i = 1; i < _count; i++)
        {
            if (_scaled[i] < value)
            {
                value = _scaled[i];
                smallest = i;
            }
        }

        return smallest;
    }

    private void Rescale(long nowMs)
    {
        var factor = DecayFactor(nowMs);
        for (var i = 0; i < _count; i++)
        {
            _scaled[i] *= factor;
        }

        _totalScaled *= factor;
        _landmarkMs = nowMs;
    }
}
