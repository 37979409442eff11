namespace Sluice.Engine.Flows;

/// <summary>
/// <c>min:key</c> / <c>max:key</c>: the smallest or largest number of the key among the flow's samples in the
/// current and the previous tumbling window of length t, so the last t to 2t seconds; 0 when that span holds no
/// sample carrying the key. Exact, and O(1) per sample.
/// </summary>
internal sealed class ExtremeColumn(int capacity, bool maximum) : FlowColumn
{
    private readonly double[] _current = new double[capacity];
    private readonly double[] _previous = new double[capacity];
    private readonly long[] _windows = new long[capacity];

    public override void Clear(int slot)
    {
        _current[slot] = double.NaN;
        _previous[slot] = double.NaN;
        _windows[slot] = Never;
    }

    public override void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (!measure.Present)
        {
            return;
        }

        var age = Age(_windows[slot], clock);
        if (age > 0)
        {
            _previous[slot] = age == 1 ? _current[slot] : double.NaN;
            _current[slot] = double.NaN;
            _windows[slot] = clock.Window;
        }

        _current[slot] = Pick(_current[slot], measure.Number);
    }

    public override double Read(int slot, in FlowClock clock)
    {
        var age = Age(_windows[slot], clock);
        var value = age <= 0 ? Pick(_current[slot], _previous[slot]) : age == 1 ? _current[slot] : double.NaN;
        return double.IsNaN(value) ? 0 : value;
    }

    /// <summary>The smaller or larger of the two, NaN standing for "none".</summary>
    private double Pick(double a, double b) =>
        double.IsNaN(a) ? b : double.IsNaN(b) ? a : maximum ? Math.Max(a, b) : Math.Min(a, b);
}
