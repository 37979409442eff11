namespace Sluice.Scripting.Runtime;

/// <summary>
/// One <c>baselineCreate(name, window, sensitivity, repeat)</c> baseline: the last <c>window</c> values checked; until
/// the window is full a check answers <c>learning</c>; after that a value more than <c>sensitivity</c> standard deviations
/// above (below) the window's mean is an outlier, and <c>repeat</c> outliers in a row answer <c>high</c> (<c>low</c>).
/// Every checked value joins the window, so a lasting change becomes the new normal.
/// </summary>
internal sealed class Baseline
{
    private readonly double[] _window;
    private int _count;
    private int _next;
    private int _highs;
    private int _lows;

    /// <summary>The largest window kept (a script asking for more gets this many).</summary>
    public const int MaxWindow = 100_000;

    public Baseline(int window, double sensitivity, int repeat)
    {
        _window = new double[Math.Clamp(window, 2, MaxWindow)];
        Sensitivity = sensitivity;
        Repeat = Math.Max(1, repeat);
    }

    public double Sensitivity { get; }

    public int Repeat { get; }

    public int Window => _window.Length;

    public string Check(double value)
    {
        string result;
        if (_count < _window.Length)
        {
            result = "learning";
        }
        else
        {
            var (mean, sdev, _, _) = Statistics();
            _highs = value > mean + (Sensitivity * sdev) ? _highs + 1 : 0;
            _lows = value < mean - (Sensitivity * sdev) ? _lows + 1 : 0;
            result = _highs >= Repeat ? "high" : _lows >= Repeat ? "low" : "normal";
        }

        _window[_next] = value;
        _next = (_next + 1) % _window.Length;
        _count = Math.Min(_count + 1, _window.Length);
        return result;
    }

    public int Count => _count;

    /// <summary>Mean, population standard deviation, min and max of the values in the window.</summary>
    public (double Mean, double Sdev, double Min, double Max) Statistics()
    {
        if (_count == 0)
        {
            return (0, 0, 0, 0);
        }

        double sum = 0, min = double.MaxValue, max = double.MinValue;
        for (var i = 0; i < _count; i++)
        {
            sum += _window[i];
            min = Math.Min(min, _window[i]);
            max = Math.Max(max, _window[i]);
        }

        var mean = sum / _count;
        double squares = 0;
        for (var i = 0; i < _count; i++)
        {
            squares += (_window[i] - mean) * (_window[i] - mean);
        }

        return (mean, Math.Sqrt(squares / _count), min, max);
    }

    public void Reset()
    {
        _count = 0;
        _next = 0;
        _highs = 0;
        _lows = 0;
    }
}
