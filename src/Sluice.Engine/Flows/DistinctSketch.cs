using System.Numerics;

namespace Sluice.Engine.Flows;

/// <summary>
/// A HyperLogLog sketch (Flajolet et al., 2007) of 256 registers for one flow's <c>count:</c> once it has more
/// distinct values than the exact set holds. It keeps the registers of the current window and the union of the
/// current and previous windows, each with its running harmonic sum and zero count, so an estimate is O(1)
/// and rolling a window is one copy. Relative standard error 1.04/√256 ≈ 6.5%; below 2.5 × 256 distinct values
/// linear counting takes over, which is far more accurate (about 4.6% at 50, under 1% at 10).
/// </summary>
internal sealed class DistinctSketch
{
    private const int IndexBits = 8;
    private const int Registers = 1 << IndexBits;

    // Bias correction for m = 256 (Flajolet et al.: 0.7213 / (1 + 1.079 / m)).
    private static readonly double Alpha = 0.7213 / (1 + (1.079 / Registers));

    private readonly byte[] _current = new byte[Registers];
    private readonly byte[] _union = new byte[Registers];
    private double _currentSum;
    private double _unionSum;
    private int _currentZeros;
    private int _unionZeros;

    public DistinctSketch() => Clear();

    /// <summary>Distinct values in the current and previous windows.</summary>
    public double UnionEstimate => Estimate(_unionSum, _unionZeros);

    /// <summary>Distinct values in the current window.</summary>
    public double CurrentEstimate => Estimate(_currentSum, _currentZeros);

    public void Clear()
    {
        Array.Clear(_current);
        Array.Clear(_union);
        _currentSum = _unionSum = Registers;
        _currentZeros = _unionZeros = Registers;
    }

    /// <summary>A value seen in the current window.</summary>
    public void Add(ulong hash)
    {
        var (index, rank) = Split(hash);
        Raise(_current, ref _currentSum, ref _currentZeros, index, rank);
        Raise(_union, ref _unionSum, ref _unionZeros, index, rank);
    }

    /// <summary>A value seen only in the previous window (when the exact set spills into the sketch).</summary>
    public void AddPrevious(ulong hash)
    {
        var (index, rank) = Split(hash);
        Raise(_union, ref _unionSum, ref _unionZeros, index, rank);
    }

    /// <summary>The next window begins: the current one becomes the previous, so the union is what it held.</summary>
    public void Roll()
    {
        _current.CopyTo(_union, 0);
        _unionSum = _currentSum;
        _unionZeros = _currentZeros;
        Array.Clear(_current);
        _currentSum = Registers;
        _currentZeros = Registers;
    }

    private static (int Index, byte Rank) Split(ulong hash)
    {
        // The top bits choose the register; the rank is the position of the first 1 in the rest. The guard bit
        // caps the rank at 64 − 8 + 1 when the rest is all zeros.
        var rest = (hash << IndexBits) | (1UL << (IndexBits - 1));
        return ((int)(hash >> (64 - IndexBits)), (byte)(BitOperations.LeadingZeroCount(rest) + 1));
    }

    private static void Raise(byte[] registers, ref double sum, ref int zeros, int index, byte rank)
    {
        var old = registers[index];
        if (rank <= old)
        {
            return;
        }

        sum += Math.ScaleB(1.0, -rank) - Math.ScaleB(1.0, -old);
        if (old == 0)
        {
            zeros--;
        }

        registers[index] = rank;
    }

    private static double Estimate(double sum, int zeros)
    {
        if (zeros == Registers)
        {
            return 0;
        }

        var raw = Alpha * Registers * Registers / sum;
        return raw <= 2.5 * Registers && zeros > 0 ? Registers * Math.Log((double)Registers / zeros) : raw;
    }
}
