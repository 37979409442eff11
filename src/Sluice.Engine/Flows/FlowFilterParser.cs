using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Engine.Flows;

/// <summary>
/// Parses a filter (sflow-rt-api.md §3.5): <c>key=v1,v2</c>, <c>!=</c>, <c>~</c>, <c>!~</c>, <c>&amp;</c>, <c>|</c>
/// (<c>&amp;</c> binds tighter) and parentheses; either side may be quoted with <c>'</c> or <c>"</c>. A value of
/// <c>=</c>/<c>!=</c> written as a CIDR (<c>ipsource=10.0.0.0/8</c>) also matches the addresses in that prefix.
/// </summary>
public static class FlowFilterParser
{
    /// <summary>The longest any one regular expression may run on one value.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    /// <exception cref="FlowSyntaxException">With the position and token of the error.</exception>
    public static FlowFilter Parse(string text, FlowLanguageServices? services = null)
    {
        var parser = new Parser(text, services ?? FlowLanguageServices.None);
        var root = parser.ParseOr();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw new FlowSyntaxException("unexpected text", parser.Position, text[parser.Position..]);
        }

        return new FlowFilter(text, root);
    }

    private sealed class Parser(string text, FlowLanguageServices services)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        private char Current => text[Position];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                Position++;
            }
        }

        public FilterNode ParseOr()
        {
            var left = ParseAnd();
            SkipSpaces();
            while (!AtEnd && Current == '|')
            {
                Position++;
                left = new OrNode(left, ParseAnd());
                SkipSpaces();
            }

            return left;
        }

        private FilterNode ParseAnd()
        {
            var left = ParsePrimary();
            SkipSpaces();
            while (!AtEnd && Current == '&')
            {
                Position++;
                left = new AndNode(left, ParsePrimary());
                SkipSpaces();
            }

            return left;
        }

        private FilterNode ParsePrimary()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw new FlowSyntaxException("expected a comparison", Position, string.Empty);
            }

            if (Current == '(')
            {
                var open = Position++;
                var inner = ParseOr();
                SkipSpaces();
                if (AtEnd || Current != ')')
                {
                    throw new FlowSyntaxException("missing ')'", open, text[open..]);
                }

                Position++;
                return inner;
            }

            return ParseComparison();
        }

        private FilterNode ParseComparison()
        {
            var keyStart = Position;
            var keyText = ReadLeft(out var keyOffset);
            if (keyText.Length == 0)
            {
                throw new FlowSyntaxException("expected a flow key", keyStart, AtEnd ? string.Empty : text[Position..]);
            }

            var key = FlowKeyParser.Parse(keyText, keyOffset, services);
            SkipSpaces();
            var opStart = Position;
            var negate = false;
            if (!AtEnd && Current == '!')
            {
                negate = true;
                Position++;
            }

            if (AtEnd || (Current != '=' && Current != '~'))
            {
                throw new FlowSyntaxException("expected =, !=, ~ or !~", opStart, AtEnd ? string.Empty : text[opStart..Math.Min(text.Length, opStart + 2)]);
            }

            var regex = Current == '~';
            Position++;
            var values = new List<(string Value, int Position, bool Quoted)>();
            do
            {
                SkipSpaces();
                values.Add(ReadRight(regex));
                SkipSpaces();
            }
            while (!AtEnd && Current == ',' && ++Position > 0);

            if (!regex)
            {
                var matchesMissing = values.Exists(v => !v.Quoted && v.Value == "null");
                var literals = values.Where(v => v.Quoted || v.Value != "null").Select(v => v.Value).ToArray();
                var prefixes = new List<FlowCidr>();
                foreach (var literal in literals)
                {
                    if (FlowCidr.TryParse(literal, out var prefix))
                    {
                        prefixes.Add(prefix);
                    }
                }

                return new EqualsNode(key, literals, [.. prefixes], matchesMissing, negate);
            }

            var patterns = new Regex[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                try
                {
                    patterns[i] = new Regex($"^(?:{values[i].Value})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw new FlowSyntaxException($"bad regular expression: {e.Message}", values[i].Position, values[i].Value);
                }
            }

            return new RegexNode(key, patterns, negate);
        }

        private string ReadLeft(out int offset)
        {
            SkipSpaces();
            if (!AtEnd && Current is '\'' or '"')
            {
                var (value, position, _) = ReadQuoted();
                offset = position;
                return value;
            }

            offset = Position;
            var depth = 0;
            var start = Position;
            while (!AtEnd)
            {
                var c = Current;
                if (c == '\\' && Position + 1 < text.Length)
                {
                    Position += 2;
                    continue;
                }

                if (c == '[')
                {
                    depth++;
                }
                else if (c == ']')
                {
                    depth--;
                }
                else if (depth == 0 && (c is '=' or '~' || (c == '!' && Position + 1 < text.Length && text[Position + 1] is '=' or '~')))
                {
                    break;
                }
                else if (depth == 0 && c is '&' or '|' or '(' or ')' or ',')
                {
                    break;
                }

                Position++;
            }

            return text[start..Position].TrimEnd();
        }

        private (string Value, int Position, bool Quoted) ReadRight(bool regex)
        {
            if (!AtEnd && Current is '\'' or '"')
            {
                return ReadQuoted();
            }

            var start = Position;
            var builder = new StringBuilder();
            var depth = 0;
            while (!AtEnd)
            {
                var c = Current;
                if (c == '\\' && Position + 1 < text.Length)
                {
                    // Regular expressions keep their escapes; plain values just take the escaped char.
                    if (regex)
                    {
                        builder.Append(c);
                    }

                    builder.Append(text[Position + 1]);
                    Position += 2;
                    continue;
                }

                if (regex && c is '(' or '[' or '{')
                {
                    depth++;
                }
                else if (regex && depth > 0 && c is ')' or ']' or '}')
                {
                    depth--;
                }
                else if (depth == 0 && c is '&' or '|' or ')' or ',')
                {
                    break;
                }

                builder.Append(c);
                Position++;
            }

            var value = builder.ToString().TrimEnd();
            return value.Length == 0 && !regex
                ? throw new FlowSyntaxException("expected a value", start, string.Empty)
                : (value, start, false);
        }

        private (string Value, int Position, bool Quoted) ReadQuoted()
        {
            var quote = Current;
            var start = Position++;
            var builder = new StringBuilder();
            while (!AtEnd && Current != quote)
            {
                if (Current == '\\' && Position + 1 < text.Length && text[Position + 1] == quote)
                {
                    Position++;
                }

                builder.Append(Current);
                Position++;
            }

            if (AtEnd)
            {
                throw new FlowSyntaxException("unterminated quote", start, text[start..]);
            }

            Position++;
            return (builder.ToString(), start + 1, true);
        }
    }
}
