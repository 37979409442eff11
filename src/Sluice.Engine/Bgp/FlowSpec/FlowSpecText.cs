using System.Globalization;
using System.Text;

namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// The text form of numeric and bitmask components, as sFlow-RT's FlowSpec JSON writes them (<c>=17</c>, <c>=SA</c>),
/// extended to full RFC 8955 expressions:
/// <list type="bullet">
/// <item>numeric: terms <c>=N</c> (also <c>==N</c> or a bare <c>N</c>), <c>!=N</c>, <c>&lt;N</c>, <c>&lt;=N</c>, <c>&gt;N</c>,
/// <c>&gt;=N</c>, <c>true</c>, <c>false</c>, and the range <c>A-B</c> (<c>&gt;=A&amp;&lt;=B</c>);</item>
/// <item>bitmask: <c>[!][=]FLAGS</c>, FLAGS being letters (<c>FSRPAUECN</c> for TCP flags, <c>DIFL</c> for fragments) or a
/// number; <c>=</c> asks for all the bits (match), without it any bit will do; <c>!</c> inverts;</item>
/// <item><c>&amp;</c> joins terms that must all hold; a space, <c>,</c> or <c>|</c> starts an alternative.</item>
/// </list>
/// </summary>
public static class FlowSpecText
{
    /// <summary>TCP flag letters, bit 0 first (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, NS).</summary>
    public const string TcpFlagLetters = "FSRPAUECN";

    /// <summary>Fragment letters, bit 0 first (Don't fragment, Is a fragment, First fragment, Last fragment; RFC 8955 §4.2.2.12).</summary>
    public const string FragmentLetters = "DIFL";

    /// <summary>Parses the expression of a numeric component; values above <paramref name="maximum"/> are refused.</summary>
    /// <param name="names">Names for values (protocol names), or null.</param>
    public static List<FlowSpecTerm> ParseNumeric(string text, ulong maximum, Func<string, ulong?>? names = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<FlowSpecTerm>();
        foreach (var (term, and) in Split(text))
        {
            var (comparison, rest) = term switch
            {
                _ when term.StartsWith("==", StringComparison.Ordinal) => (FlowSpecTerm.Equal, term[2..]),
                _ when term.StartsWith("!=", StringComparison.Ordinal) => ((byte)(FlowSpecTerm.Less | FlowSpecTerm.Greater), term[2..]),
                _ when term.StartsWith("<=", StringComparison.Ordinal) => ((byte)(FlowSpecTerm.Less | FlowSpecTerm.Equal), term[2..]),
                _ when term.StartsWith(">=", StringComparison.Ordinal) => ((byte)(FlowSpecTerm.Greater | FlowSpecTerm.Equal), term[2..]),
                _ when term.StartsWith('=') => (FlowSpecTerm.Equal, term[1..]),
                _ when term.StartsWith('<') => (FlowSpecTerm.Less, term[1..]),
                _ when term.StartsWith('>') => (FlowSpecTerm.Greater, term[1..]),
                "true" => ((byte)0x07, "0"),
                "false" => ((byte)0x00, "0"),
                _ => ((byte)0xFF, term),
            };

            var dash = rest.IndexOf('-', 1);
            if (comparison == 0xFF && dash > 0)
            {
                // A range A-B: at least A and at most B.
                var low = Number(rest[..dash], maximum, names, text);
                var high = Number(rest[(dash + 1)..], maximum, names, text);
                terms.Add(FlowSpecTerm.Create(FlowSpecTerm.Greater | FlowSpecTerm.Equal, low, and));
                terms.Add(FlowSpecTerm.Create(FlowSpecTerm.Less | FlowSpecTerm.Equal, high, true));
                continue;
            }

            terms.Add(FlowSpecTerm.Create(comparison == 0xFF ? FlowSpecTerm.Equal : comparison, Number(rest, maximum, names, text), and));
        }

        return terms;
    }

    /// <summary>Parses the expression of a bitmask component with the flag <paramref name="letters"/> (bit 0 first).</summary>
    public static List<FlowSpecTerm> ParseBitmask(string text, string letters, ulong maximum)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(letters);
        var terms = new List<FlowSpecTerm>();
        foreach (var (term, and) in Split(text))
        {
            var rest = term;
            byte comparison = 0;
            if (rest.StartsWith('!'))
            {
                comparison |= FlowSpecTerm.Not;
                rest = rest[1..];
            }

            if (rest.StartsWith('='))
            {
                comparison |= FlowSpecTerm.Match;
                rest = rest[1..];
            }

            ulong bits = 0;
            if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            {
                bits = Number(rest, maximum, null, text);
            }
            else
            {
                foreach (var c in rest)
                {
                    var bit = letters.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
                    bits |= bit >= 0 ? 1UL << bit : throw new FormatException($"'{text}': '{c}' is not one of the flags {letters}");
                }
            }

            if (rest.Length == 0)
            {
                throw new FormatException($"'{text}': a term has no flags");
            }

            terms.Add(FlowSpecTerm.Create(comparison, bits, and));
        }

        return terms;
    }

    /// <summary>The component's terms as text (the inverse of the parsers, up to value sizes).</summary>
    public static string Format(FlowSpecComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var letters = component.Type switch
        {
            FlowSpecComponentType.TcpFlags => TcpFlagLetters,
            FlowSpecComponentType.Fragment => FragmentLetters,
            _ => null,
        };
        var text = new StringBuilder();
        for (var i = 0; i < component.Terms.Count; i++)
        {
            var term = component.Terms[i];
            if (i > 0)
            {
                text.Append(term.IsAnd ? '&' : ' ');
            }

            if (letters is null)
            {
                text.Append(term.Comparison switch
                {
                    FlowSpecTerm.Equal => "=",
                    FlowSpecTerm.Greater => ">",
                    FlowSpecTerm.Greater | FlowSpecTerm.Equal => ">=",
                    FlowSpecTerm.Less => "<",
                    FlowSpecTerm.Less | FlowSpecTerm.Equal => "<=",
                    FlowSpecTerm.Less | FlowSpecTerm.Greater => "!=",
                    0x07 => "true",
                    _ => "false",
                });
                if (term.Comparison is not (0x07 or 0))
                {
                    text.Append(term.Value.ToString(CultureInfo.InvariantCulture));
                }

                continue;
            }

            if ((term.Comparison & FlowSpecTerm.Not) != 0)
            {
                text.Append('!');
            }

            if ((term.Comparison & FlowSpecTerm.Match) != 0)
            {
                text.Append('=');
            }

            if (term.Value == 0 || term.Value >> letters.Length != 0)
            {
                text.Append(term.Value.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            for (var bit = 0; bit < letters.Length; bit++)
            {
                if ((term.Value & (1UL << bit)) != 0)
                {
                    text.Append(letters[bit]);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Splits an expression into terms, each with whether it ANDs with the previous one.</summary>
    private static List<(string Term, bool And)> Split(string text)
    {
        var terms = new List<(string, bool)>();
        foreach (var alternative in text.Split([' ', ',', '|', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var first = true;
            foreach (var term in alternative.Split('&'))
            {
                var trimmed = term.Trim();
                if (trimmed.Length == 0)
                {
                    throw new FormatException($"'{text}': empty term");
                }

                terms.Add((trimmed, !first));
                first = false;
            }
        }

        return terms.Count > 0 ? terms : throw new FormatException("empty expression");
    }

    private static ulong Number(string text, ulong maximum, Func<string, ulong?>? names, string expression)
    {
        ulong value;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                throw new FormatException($"'{expression}': '{text}' is not a number");
            }
        }
        else if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = names?.Invoke(text.ToLowerInvariant()) ?? throw new FormatException($"'{expression}': '{text}' is not a number");
        }

        return value <= maximum ? value : throw new FormatException($"'{expression}': {value} is above {maximum}");
    }
}
