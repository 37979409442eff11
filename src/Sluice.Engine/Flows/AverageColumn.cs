namespace Sluice.Engine.Flows;

/// <summary>
/// <c>avg:key</c>: the exponentially weighted average of the key's number over the flow's samples, each sample
/// weighted by its sampling rate (the packets it stands for) times exp(−age/t). Numerator and denominator are
/// forward-decayed alike, so their ratio needs no decay at read time. Like the other value functions it reads 0
/// once the flow has had no sample carrying the key for a whole window (between t and 2t seconds).
/// </summary>
internal sealed class AverageColumn(int capacity) : FlowColumn
{
    private readonly double[] _sum = new double[capacity];
    private readonly double[] _weight = new double[capacity];
    private readonly long[] _windows = new long[capacity];

    public override void Clear(int slot)
    {
        _sum[slot] = 0;
        _weight[slot] = 0;
        _windows[slot] = Never;
    }

    public override void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (!measure.Present)
        {
            return;
        }

        var weight = scale * clock.Growth;
        _sum[slot] += measure.Number * weight;
        _weight[slot] += weight;
        _windows[slot] = Math.Max(_windows[slot], clock.Window);
    }

    public override double Read(int slot, in FlowClock clock) =>
        Age(_windows[slot], clock) <= 1 && _weight[slot] > 0 ? _sum[slot] / _weight[slot] : 0;

    public override void Rescale(double factor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _sum[i] *= factor;
            _weight[i] *= factor;
        }
    }
}
