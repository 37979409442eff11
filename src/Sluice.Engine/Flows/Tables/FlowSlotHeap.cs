namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// A binary min-heap of a flow table's slots ordered by a sum column's stored (forward-decayed) values, so the slot a
/// new key evicts is the root instead of the result of a scan of every slot. Stored sums only change by the adds to
/// one slot, and forward decay keeps them comparable without decaying them, so one sift per add keeps the order: an
/// add grows the value and sifts the slot down, which is short, as large values sit near the leaves. Moving the
/// landmark multiplies every value by one positive factor, which keeps the order.
/// </summary>
internal sealed class FlowSlotHeap(double[] values)
{
    private readonly int[] _heap = new int[values.Length];
    private readonly int[] _positions = new int[values.Length];

    /// <summary>Slots in the heap.</summary>
    public int Count { get; private set; }

    /// <summary>The slot with the smallest value (ties in no particular order); the heap must not be empty.</summary>
    public int Smallest => Count > 0 ? _heap[0] : throw new InvalidOperationException("the heap is empty");

    /// <summary>Adds a slot not in the heap yet.</summary>
    public void Add(int slot)
    {
        _heap[Count] = slot;
        _positions[slot] = Count;
        Count++;
        SiftUp(Count - 1);
    }

    /// <summary>Restores the order after the value of <paramref name="slot"/> (in the heap) changed.</summary>
    public void Update(int slot)
    {
        var position = _positions[slot];
        if (!SiftUp(position))
        {
            SiftDown(position);
        }
    }

    /// <summary>True when every parent's value is at most its children's (for tests).</summary>
    public bool IsOrdered()
    {
        for (var i = 1; i < Count; i++)
        {
            if (values[_heap[i]] < values[_heap[(i - 1) / 2]] || _positions[_heap[i]] != i)
            {
                return false;
            }
        }

        return Count == 0 || _positions[_heap[0]] == 0;
    }

    private bool SiftUp(int position)
    {
        var slot = _heap[position];
        var value = values[slot];
        var start = position;
        while (position > 0)
        {
            var parent = (position - 1) / 2;
            if (!(value < values[_heap[parent]]))
            {
                break;
            }

            Move(_heap[parent], position);
            position = parent;
        }

        Move(slot, position);
        return position != start;
    }

    private void SiftDown(int position)
    {
        var slot = _heap[position];
        var value = values[slot];
        while (true)
        {
            var child = (2 * position) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && values[_heap[child + 1]] < values[_heap[child]])
            {
                child++;
            }

            if (!(values[_heap[child]] < value))
            {
                break;
            }

            Move(_heap[child], position);
            position = child;
        }

        Move(slot, position);
    }

    private void Move(int slot, int position)
    {
        _heap[position] = slot;
        _positions[slot] = position;
    }
}
