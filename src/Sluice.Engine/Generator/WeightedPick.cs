namespace Sluice.Engine.Generator;

/// <summary>Picks an index from cumulative weights (ascending, last = 1) for a uniform draw: a binary search.</summary>
internal static class WeightedPick
{
    public static int Index(ReadOnlySpan<double> cumulative, double u)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cumulative[mid] > u)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
