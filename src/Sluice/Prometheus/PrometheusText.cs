using System.Globalization;
using System.Text;

namespace Sluice.Prometheus;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4): names, escaped labels, values.</summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _typed = new(StringComparer.Ordinal);
    private readonly bool _types;
    private int _labels = -1;

    public PrometheusText(bool types)
    {
        _types = types;
    }

    /// <summary>A metric name from <paramref name="prefix"/> and <paramref name="name"/>, every character outside [A-Za-z0-9_] as <c>_</c>.</summary>
    public static string MetricName(string prefix, string name)
    {
        var builder = new StringBuilder(prefix.Length + name.Length);
        foreach (var c in prefix + name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length > 0 && char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>Starts a sample line; add labels, then <see cref="Value"/>.</summary>
    public PrometheusText Sample(string metricName)
    {
        if (_types && _typed.Add(metricName))
        {
            _text.Append("# TYPE ").Append(metricName).Append(" gauge\n");
        }

        _text.Append(metricName);
        _labels = 0;
        return this;
    }

    public PrometheusText Label(string name, string value)
    {
        _text.Append(_labels == 0 ? '{' : ',').Append(name).Append("=\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': _text.Append("\\\\"); break;
                case '"': _text.Append("\\\""); break;
                case '\n': _text.Append("\\n"); break;
                default: _text.Append(c); break;
            }
        }

        _text.Append('"');
        _labels++;
        return this;
    }

    public void Value(double value)
    {
        if (_labels > 0)
        {
            _text.Append('}');
        }

        _text.Append(' ');
        if (double.IsNaN(value))
        {
            _text.Append("NaN");
        }
        else if (double.IsInfinity(value))
        {
            _text.Append(value > 0 ? "+Inf" : "-Inf");
        }
        else
        {
            _text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        _text.Append('\n');
        _labels = -1;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Writes what has been built so far to <paramref name="output"/> and starts again (bounded memory for big scrapes).</summary>
    public async Task DrainToAsync(TextWriter output, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var chunk in _text.GetChunks())
        {
            await output.WriteAsync(chunk, cancel).ConfigureAwait(false);
        }

        _text.Clear();
    }
}
