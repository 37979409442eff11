namespace Sluice.Engine.Flows;

/// <summary>
/// <c>bytes</c>, <c>frames</c>, <c>requests</c> or a numeric key: a rate per second. Each sample adds
/// value × sampling rate / t, and the sum decays by exp(−Δt/t); stored forward-decayed, so adding needs no exp per
/// slot and stored numbers order slots as their rates do. The share of samples that entered the network at the data
/// source is kept beside it, for <c>aggMode=edge</c>.
/// </summary>
internal sealed class SumColumn(int capacity, double t) : FlowColumn
{
    /// <summary>Numbers per slot in <see cref="Sums"/>: the sum, then its entering share.</summary>
    public const int Stride = 2;

    // Each slot's sum and entering share side by side, so an add touches one cache line rather than two arrays.
    private readonly double[] _sums = new double[capacity * Stride];

    /// <summary>
    /// The stored (forward-decayed) sums, slot s's at s × <see cref="Stride"/>, which order slots as their rates do:
    /// the table's eviction heap reads them.
    /// </summary>
    public double[] Sums => _sums;

    public override void Clear(int slot)
    {
        _sums[slot * Stride] = 0;
        _sums[(slot * Stride) + 1] = 0;
    }

    public override void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (measure.Present)
        {
            _sums[slot * Stride] += measure.Number * scale / t * clock.Growth;
        }
    }

    public override void AddEntering(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
        if (measure.Present)
        {
            _sums[(slot * Stride) + 1] += measure.Number * scale / t * clock.Growth;
        }
    }

    /// <summary>
    /// Adds a weight already worked out as value × scale / t × growth (what <see cref="Add"/> and
    /// <see cref="AddEntering"/> would compute) to slot <paramref name="slot"/> of <paramref name="sums"/> (a column's
    /// <see cref="Sums"/>), to the entering share too when <paramref name="entering"/>.
    /// </summary>
    public static void AddWeight(double[] sums, int slot, double weight, bool entering)
    {
        sums[slot * Stride] += weight;
        if (entering)
        {
            sums[(slot * Stride) + 1] += weight;
        }
    }

    public override double Read(int slot, in FlowClock clock) => _sums[slot * Stride] / clock.Growth;

    public override double ReadEntering(int slot, in FlowClock clock) => _sums[(slot * Stride) + 1] / clock.Growth;

    public override double Rank(int slot, in FlowClock clock) => _sums[slot * Stride];

    public override void Rescale(double factor, int count)
    {
        for (var i = 0; i < count * Stride; i++)
        {
            _sums[i] *= factor;
        }
    }
}
