namespace Sluice.Engine.Flows;

/// <summary>
/// The last few values a regular-expression filter tested and whether they matched. Keys that filters match by
/// pattern (<c>tcpflags</c>, <c>ipdscpname</c>, <c>stack</c>) take few distinct values, and comparing short text
/// costs far less than running the pattern. Bounded: <see cref="Entries"/> values of at most
/// <see cref="MaxValueLength"/> chars, replaced in turn; longer values are not remembered.
/// </summary>
internal sealed class FlowRegexMemo
{
    public const int Entries = 8;

    public const int MaxValueLength = 32;

    private readonly char[] _values = new char[Entries * MaxValueLength];
    private readonly int[] _lengths = new int[Entries];
    private readonly bool[] _results = new bool[Entries];
    private int _count;
    private int _next;
    private int _last;

    /// <summary>True with the remembered result when <paramref name="value"/> was tested before and is still held.</summary>
    public bool TryGet(ReadOnlySpan<char> value, out bool matched)
    {
        // Samples in a row often carry the same value (a burst of one connection): the last hit is tried first.
        if (Holds(_last, value))
        {
            matched = _results[_last];
            return true;
        }

        for (var i = 0; i < _count; i++)
        {
            if (Holds(i, value))
            {
                _last = i;
                matched = _results[i];
                return true;
            }
        }

        matched = false;
        return false;
    }

    private bool Holds(int slot, ReadOnlySpan<char> value) =>
        slot < _count && _lengths[slot] == value.Length && _values.AsSpan(slot * MaxValueLength, value.Length).SequenceEqual(value);

    /// <summary>Remembers a result, replacing the oldest entry when full.</summary>
    public void Add(ReadOnlySpan<char> value, bool matched)
    {
        if (value.Length > MaxValueLength)
        {
            return;
        }

        var slot = _next;
        _next = (_next + 1) % Entries;
        _count = Math.Max(_count, slot + 1);
        value.CopyTo(_values.AsSpan(slot * MaxValueLength));
        _lengths[slot] = value.Length;
        _results[slot] = matched;
    }
}
