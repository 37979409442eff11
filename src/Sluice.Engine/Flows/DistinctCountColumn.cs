using System.Numerics;

namespace Sluice.Engine.Flows;

/// <summary>
/// <c>count:key</c>: how many distinct values of the key the flow's samples carried in the current and the
/// previous tumbling window of length t (so the last t to 2t seconds); not scaled by the sampling rate.
/// Each slot counts exactly (by 64-bit hash) up to <see cref="ExactValues"/> values; past that it switches to a
/// <see cref="DistinctSketch"/> (HyperLogLog, ≈6.5% standard error, much better below ~600 values). Sketches are
/// made on a slot's first overflow and kept with the slot, so memory is bounded by capacity × 512 bytes and the
/// steady state allocates nothing.
/// </summary>
internal sealed class DistinctCountColumn(int capacity) : FlowColumn
{
    /// <summary>Values counted exactly per slot (one bit each in the window masks).</summary>
    public const int ExactValues = 8;

    private readonly ulong[] _hashes = new ulong[capacity * ExactValues];
    private readonly byte[] _current = new byte[capacity];
    private readonly byte[] _previous = new byte[capacity];
    private readonly long[] _windows = new long[capacity];
    private readonly DistinctSketch?[] _sketches = new DistinctSketch?[capacity];
    private readonly bool[] _sketching = new bool[capacity];

    public override void Clear(int slot)
    {
        _current[slot] = 0;
        _previous[slot] = 0;
        _windows[slot] = Never;
        _sketching[slot] = false;
    }

    public override void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (!measure.Present)
        {
            return;
        }

        Roll(slot, clock);
        var hash = measure.Hash;
        if (_sketching[slot])
        {
            _sketches[slot]!.Add(hash);
            return;
        }

        var first = slot * ExactValues;
        var live = _current[slot] | _previous[slot];
        for (var i = 0; i < ExactValues; i++)
        {
            if ((live & (1 << i)) != 0 && _hashes[first + i] == hash)
            {
                _current[slot] |= (byte)(1 << i);
                return;
            }
        }

        var free = ~live & 0xFF;
        if (free != 0)
        {
            var i = BitOperations.TrailingZeroCount(free);
            _hashes[first + i] = hash;
            _current[slot] |= (byte)(1 << i);
            return;
        }

        Spill(slot, hash);
    }

    public override double Read(int slot, in FlowClock clock)
    {
        var age = Age(_windows[slot], clock);
        if (age > 1)
        {
            return 0;
        }

        if (_sketching[slot])
        {
            var sketch = _sketches[slot]!;
            return Math.Round(age <= 0 ? sketch.UnionEstimate : sketch.CurrentEstimate);
        }

        return BitOperations.PopCount((uint)(age <= 0 ? _current[slot] | _previous[slot] : _current[slot]));
    }

    private void Roll(int slot, in FlowClock clock)
    {
        var age = Age(_windows[slot], clock);
        if (age <= 0)
        {
            return;
        }

        _windows[slot] = clock.Window;
        if (_sketching[slot])
        {
            if (age == 1)
            {
                _sketches[slot]!.Roll();
            }
            else
            {
                _sketches[slot]!.Clear();
            }

            return;
        }

        _previous[slot] = age == 1 ? _current[slot] : (byte)0;
        _current[slot] = 0;
    }

    /// <summary>The exact set is full: move its live values into the slot's sketch and count from there on.</summary>
    private void Spill(int slot, ulong hash)
    {
        var sketch = _sketches[slot] ??= new DistinctSketch();
        sketch.Clear();
        var first = slot * ExactValues;
        for (var i = 0; i < ExactValues; i++)
        {
            if ((_current[slot] & (1 << i)) != 0)
            {
                sketch.Add(_hashes[first + i]);
            }
            else if ((_previous[slot] & (1 << i)) != 0)
            {
                sketch.AddPrevious(_hashes[first + i]);
            }
        }

        sketch.Add(hash);
        _sketching[slot] = true;
    }
}
