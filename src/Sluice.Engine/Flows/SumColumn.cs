namespace Sluice.Engine.Flows;

/// <summary>
/// <c>bytes</c>, <c>frames</c>, <c>requests</c> or a numeric key: a rate per second. Each sample adds
/// value × sampling rate / t, and the sum decays by exp(−Δt/t); stored forward-decayed, so adding needs no exp per
/// slot and stored numbers order slots as their rates do. The share of samples that entered the network at the data
/// source is kept beside it, for <c>aggMode=edge</c>.
/// </summary>
internal sealed class SumColumn(int capacity, double t) : FlowColumn
{
    private readonly double[] _scaled = new double[capacity];
    private readonly double[] _enteringScaled = new double[capacity];

    /// <summary>The stored (forward-decayed) sums by slot, which order slots as their rates do: the table's eviction heap reads them.</summary>
    public double[] Scaled => _scaled;

    public override void Clear(int slot)
    {
        _scaled[slot] = 0;
        _enteringScaled[slot] = 0;
    }

    public override void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (measure.Present)
        {
            _scaled[slot] += measure.Number * scale / t * clock.Growth;
        }
    }

    public override void AddEntering(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (measure.Present)
        {
            _enteringScaled[slot] += measure.Number * scale / t * clock.Growth;
        }
    }

    /// <summary>
    /// Adds a weight already worked out as value × scale / t × growth (what <see cref="Add"/> and
    /// <see cref="AddEntering"/> would compute), to the entering share too when <paramref name="entering"/>.
    /// </summary>
    public void AddWeight(int slot, double weight, bool entering)
    {
        _scaled[slot] += weight;
        if (entering)
        {
            _enteringScaled[slot] += weight;
        }
    }

    public override double Read(int slot, in FlowClock clock) => _scaled[slot] / clock.Growth;

    public override double ReadEntering(int slot, in FlowClock clock) => _enteringScaled[slot] / clock.Growth;

    public override double Rank(int slot, in FlowClock clock) => _scaled[slot];

    public override void Rescale(double factor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _scaled[i] *= factor;
            _enteringScaled[i] *= factor;
        }
    }
}
