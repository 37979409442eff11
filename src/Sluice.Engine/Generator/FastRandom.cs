namespace Sluice.Engine.Generator;

/// <summary>
/// xorshift64* — tiny, fast and, unlike <see cref="Random"/>, guaranteed to give the same sequence on every
/// .NET version, so a seed reproduces a fleet's datagrams byte for byte. Not for anything secret.
/// </summary>
internal struct FastRandom
{
    private ulong _state;

    public FastRandom(ulong seed)
    {
        // SplitMix64 of the seed, so small seeds (0, 1, 2) still start from well-mixed states.
        var z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        _state = (z ^ (z >> 31)) | 1;
    }

    public ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => (int)((NextUInt32() * (ulong)bound) >> 32);

    /// <summary>Uniform in [low, high).</summary>
    public int Next(int low, int high) => low + Next(high - low);
}
