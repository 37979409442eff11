using System.Globalization;
using System.Text;

namespace Sluice.Scripting.Api;

/// <summary>
/// <c>formatNumber(n, pattern)</c> with Java DecimalFormat patterns, as sFlow-RT apps write them (<c>"#,##0 seconds"</c>,
/// <c>"0'%' difference"</c>, <c>"0.00"</c>, <c>"#,##0.#"</c>): <c>0</c> and <c>#</c> digits, <c>,</c> grouping, <c>.</c>
/// decimal point, <c>'quoted'</c> literals, an unquoted <c>%</c> multiplies by 100, and an optional <c>;negative</c>
/// subpattern. Rounding is half-even, DecimalFormat's default.
/// </summary>
internal sealed class DecimalFormat
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string? _negativePrefix;
    private readonly string? _negativeSuffix;
    private readonly int _minInteger;
    private readonly int _grouping;
    private readonly int _minFraction;
    private readonly int _maxFraction;
    private readonly double _multiplier;

    private DecimalFormat(string prefix, string suffix, string? negativePrefix, string? negativeSuffix, int minInteger, int grouping, int minFraction, int maxFraction, double multiplier)
    {
        (_prefix, _suffix, _negativePrefix, _negativeSuffix) = (prefix, suffix, negativePrefix, negativeSuffix);
        (_minInteger, _grouping, _minFraction, _maxFraction, _multiplier) = (minInteger, grouping, minFraction, maxFraction, multiplier);
    }

    public static string Format(double value, string pattern) => Parse(pattern).Format(value);

    /// <exception cref="FormatException">The pattern has no digits.</exception>
    public static DecimalFormat Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var (positive, negative) = SplitSubpatterns(pattern);
        var (prefix, body, suffix, percent) = Sections(positive);
        if (body.Length == 0)
        {
            throw new FormatException($"formatNumber: pattern '{pattern}' has no digits");
        }

        string? negativePrefix = null, negativeSuffix = null;
        if (negative is not null)
        {
            var (p, _, s, _) = Sections(negative);
            (negativePrefix, negativeSuffix) = (p, s);
        }

        var point = body.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? body : body[..point];
        var fraction = point < 0 ? string.Empty : body[(point + 1)..];
        var comma = integer.LastIndexOf(',');
        var grouping = comma < 0 ? 0 : integer.Length - comma - 1;
        return new DecimalFormat(
            prefix, suffix, negativePrefix, negativeSuffix,
            integer.Count(c => c == '0'), grouping,
            fraction.Count(c => c == '0'), fraction.Count(c => c is '0' or '#'),
            percent ? 100 : 1);
    }

    public string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        var scaled = value * _multiplier;
        var negative = scaled < 0;
        var digits = Digits(Math.Abs(scaled));
        if (negative && digits.Trim('0', '.', ',').Length == 0)
        {
            negative = false; // -0.001 shown as "0" carries no sign, as DecimalFormat does for "-0"
        }

        var text = new StringBuilder();
        text.Append(negative ? _negativePrefix ?? "-" + _prefix : _prefix);
        text.Append(digits);
        text.Append(negative ? _negativeSuffix ?? _suffix : _suffix);
        return text.ToString();
    }

    private string Digits(double magnitude)
    {
        if (double.IsInfinity(magnitude))
        {
            return "∞";
        }

        string fixedText;
        if (magnitude < 7.9e27)
        {
            var rounded = Math.Round((decimal)magnitude, Math.Min(_maxFraction, 28), MidpointRounding.ToEven);
            fixedText = rounded.ToString("F" + _maxFraction.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        else
        {
            fixedText = magnitude.ToString("F" + _maxFraction.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        var point = fixedText.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? fixedText : fixedText[..point];
        var fraction = point < 0 ? string.Empty : fixedText[(point + 1)..];
        fraction = fraction.TrimEnd('0');
        if (fraction.Length < _minFraction)
        {
            fraction = fraction.PadRight(_minFraction, '0');
        }

        integer = integer.TrimStart('0');
        if (integer.Length < _minInteger)
        {
            integer = integer.PadLeft(_minInteger, '0');
        }

        if (integer.Length == 0 && fraction.Length == 0)
        {
            integer = "0";
        }

        if (_grouping > 0 && integer.Length > _grouping)
        {
            var grouped = new StringBuilder();
            for (var i = 0; i < integer.Length; i++)
            {
                if (i > 0 && (integer.Length - i) % _grouping == 0)
                {
                    grouped.Append(',');
                }

                grouped.Append(integer[i]);
            }

            integer = grouped.ToString();
        }

        return fraction.Length == 0 ? integer : integer + "." + fraction;
    }

    private static (string Positive, string? Negative) SplitSubpatterns(string pattern)
    {
        var quoted = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (pattern[i] == ';' && !quoted)
            {
                return (pattern[..i], pattern[(i + 1)..]);
            }
        }

        return (pattern, null);
    }

    /// <summary>Prefix literal text, the digit body (<c>0 # , .</c>), suffix literal text, and whether an unquoted % appears.</summary>
    private static (string Prefix, string Body, string Suffix, bool Percent) Sections(string pattern)
    {
        var prefix = new StringBuilder();
        var body = new StringBuilder();
        var suffix = new StringBuilder();
        var percent = false;
        var quoted = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var target = body.Length == 0 ? prefix : suffix;
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    target.Append('\'');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }

                continue;
            }

            if (!quoted && c is '0' or '#' or ',' or '.' && suffix.Length == 0)
            {
                body.Append(c);
                continue;
            }

            if (!quoted && c == '%')
            {
                percent = true;
            }

            target.Append(c);
        }

        return (prefix.ToString(), body.ToString(), suffix.ToString(), percent);
    }
}
