namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// A binary min-heap of a flow table's slots by a sum column's stored (forward-decayed) values, so the slot a new key
/// evicts is found without a scan of every slot. It is lazy: each position keeps the value its slot had when last
/// sifted, which is never more than the value now, because adds only grow a sum. A hit therefore costs the heap
/// nothing; the root is brought up to date only when an eviction asks for it: when its kept value is its value now,
/// it is the smallest of all (it is at most every kept value, each at most its slot's value); otherwise it is sifted
/// down with its value now and the next root is checked. Each check either returns or refreshes a stale slot, so an
/// eviction does at most one sift per slot that grew since the last one. Moving the landmark multiplies every value by
/// one positive factor, and the kept ones with it (<see cref="Rescale"/>), which keeps both the order and the bound.
/// </summary>
/// <param name="values">The values, slot s's at s × <paramref name="stride"/>.</param>
/// <param name="stride">Numbers per slot in <paramref name="values"/>.</param>
internal sealed class FlowSlotHeap(double[] values, int stride = 1)
{
    private readonly int[] _heap = new int[values.Length / stride];
    // The kept value of the slot at each position, beside the heap so that sifting reads neither values nor slots.
    private readonly double[] _kept = new double[values.Length / stride];
    private readonly int[] _positions = new int[values.Length / stride];

    /// <summary>Slots in the heap.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a slot not in the heap yet.</summary>
    public void Add(int slot)
    {
        Count++;
        SiftUp(Count - 1, slot, values[slot * stride]);
    }

    /// <summary>
    /// Takes the slot's value now: needed whenever it may have become smaller than the kept one (the slot was
    /// cleared for a new key, or a negative or NaN number was added); a plain grown sum needs no call.
    /// </summary>
    public void Refresh(int slot)
    {
        var position = _positions[slot];
        var value = values[slot * stride];
        if (position > 0 && value < _kept[(position - 1) / 2])
        {
            SiftUp(position, slot, value);
        }
        else
        {
            SiftDown(position, slot, value);
        }
    }

    /// <summary>A slot with the smallest value now (ties in no particular order); the heap must not be empty.</summary>
    public int Smallest()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the heap is empty");
        }

        while (true)
        {
            var slot = _heap[0];
            var value = values[slot * stride];
            // Bitwise, so that a NaN sum counts as up to date once kept and the loop ends.
            if (BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(_kept[0]))
            {
                return slot;
            }

            SiftDown(0, slot, value);
        }
    }

    /// <summary>Multiplies the kept values by the factor the table's sums were multiplied by.</summary>
    public void Rescale(double factor)
    {
        for (var i = 0; i < Count; i++)
        {
            _kept[i] *= factor;
        }
    }

    /// <summary>True when the kept values are heap-ordered, none above its slot's value, and positions agree (for tests).</summary>
    public bool IsOrdered()
    {
        for (var i = 0; i < Count; i++)
        {
            if ((i > 0 && _kept[i] < _kept[(i - 1) / 2]) || _kept[i] > values[_heap[i] * stride] || _positions[_heap[i]] != i)
            {
                return false;
            }
        }

        return true;
    }

    private void SiftUp(int position, int slot, double value)
    {
        while (position > 0)
        {
            var parent = (position - 1) / 2;
            if (!(value < _kept[parent]))
            {
                break;
            }

            Place(position, _heap[parent], _kept[parent]);
            position = parent;
        }

        Place(position, slot, value);
    }

    private void SiftDown(int position, int slot, double value)
    {
        while (true)
        {
            var child = (2 * position) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _kept[child + 1] < _kept[child])
            {
                child++;
            }

            if (!(_kept[child] < value))
            {
                break;
            }

            Place(position, _heap[child], _kept[child]);
            position = child;
        }

        Place(position, slot, value);
    }

    private void Place(int position, int slot, double value)
    {
        _heap[position] = slot;
        _kept[position] = value;
        _positions[slot] = position;
    }
}
