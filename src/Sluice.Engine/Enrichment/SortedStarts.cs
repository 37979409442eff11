namespace Sluice.Engine.Enrichment;

/// <summary>The binary search the range tables share: which of a sorted array of range starts a value falls after.</summary>
internal static class SortedStarts
{
    /// <summary>The index of the last start at or before <paramref name="value"/>, or -1 when every start is after it.</summary>
    public static int LastAtOrBefore<T>(T[] starts, T value) where T : IComparable<T>
    {
        int lo = 0, hi = starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (starts[mid].CompareTo(value) <= 0)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
