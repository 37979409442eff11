using System.Globalization;
using System.Text;

namespace Sluice.Engine.Flows;

/// <summary>
/// Parses a flow key or key function (sflow-rt-api.md §3.4): <c>func:arg:arg</c>, where an argument is a key,
/// a nested function in <c>[...]</c> or a literal; <c>\:</c> escapes a colon in a literal.
/// </summary>
public static class FlowKeyParser
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "group", "country", "asn", "map", "null", "or", "first", "prefix", "suffix", "range", "eq", "if", "concat",
        "oui", "uri", "mask", "link",
    };

    /// <summary>Compiles <paramref name="text"/>.</summary>
    /// <exception cref="FlowSyntaxException">Unknown key or function, bad argument count or value, unbalanced brackets.</exception>
    public static FlowKey Parse(string text, FlowLanguageServices? services = null) =>
        Parse(text, 0, services ?? FlowLanguageServices.None);

    internal static FlowKey Parse(string text, int offset, FlowLanguageServices services)
    {
        if (services.KeyResolver?.Invoke(text) is { } resolved)
        {
            return resolved;
        }

        var parts = Split(text, offset);
        var head = parts[0];
        if (parts.Count == 1)
        {
            if (head.Text.Length == 0)
            {
                throw new FlowSyntaxException("empty flow key", offset, text);
            }

            if (services.KeyResolver is not null)
            {
                throw new FlowSyntaxException("not a key of this flow", head.Position, head.Text);
            }

            return FlowKeys.TryGet(head.Text, out var field)
                ? new FieldKey(text, field)
                : throw new FlowSyntaxException("unknown flow key", head.Position, head.Text);
        }

        if (!Functions.Contains(head.Text))
        {
            throw new FlowSyntaxException(FlowKeys.TryGet(head.Text, out _) ? "flow key takes no arguments" : "unknown key function",
                head.Position, head.Text);
        }

        var args = parts.GetRange(1, parts.Count - 1);
        switch (head.Text)
        {
            case "group":
                Require(head, args, 2, int.MaxValue);
                return new GroupKey(text, Key(args[0], services), [.. args.Skip(1).Select(a => a.Text)], services.Groups);
            case "country":
                Require(head, args, 1, 2);
                return new AddressLookupKey(text, Key(args[0], services), AddressLookup.Country, services.Addresses);
            case "asn":
                Require(head, args, 1, 2);
                return new AddressLookupKey(text, Key(args[0], services),
                    args.Count == 2 && args[1].Text == "name" ? AddressLookup.AsnName : AddressLookup.Asn, services.Addresses);
            case "map":
                Require(head, args, 2, 2);
                return new MapKey(text, Key(args[0], services), args[1].Text, services.Maps);
            case "null":
                Require(head, args, 1, 2);
                return new NullKey(text, Key(args[0], services), args.Count == 2 ? args[1].Text : "null");
            case "or":
                Require(head, args, 1, int.MaxValue);
                return new OrKey(text, [.. args.Select(a => Key(a, services))]);
            case "first":
                Require(head, args, 3, int.MaxValue);
                return new FirstKey(text, Key(args[0], services), args[1].Text, [.. args.Skip(2).Select(a => a.Text)]);
            case "prefix":
            case "suffix":
                Require(head, args, 3, 3);
                return new PartsKey(text, Key(args[0], services), NonEmpty(args[1]), Count(args[2]), head.Text == "suffix");
            case "range":
                Require(head, args, 2, 3);
                return new RangeKey(text, Key(args[0], services), Number(args[1]), args.Count == 3 ? Number(args[2]) : double.PositiveInfinity);
            case "eq":
                Require(head, args, 2, 2);
                return new EqKey(text, Key(args[0], services), Key(args[1], services));
            case "if":
                Require(head, args, 4, 4);
                return new IfKey(text, Key(args[0], services), args[1].Text, KeyOrLiteral(args[2], services), KeyOrLiteral(args[3], services));
            case "concat":
                Require(head, args, 2, int.MaxValue);
                return new ConcatKey(text, args[0].Text, [.. args.Skip(1).Select(a => Key(a, services))]);
            case "oui":
                Require(head, args, 1, 2);
                return new OuiKey(text, Key(args[0], services), services.Oui);
            case "link":
                Require(head, args, 1, 1);
                return new LinkKey(text, Key(args[0], services), services.Links);
            case "uri":
                Require(head, args, 2, 2);
                return args[1].Text is "scheme" or "host" or "port" or "path" or "query" or "fragment" or "file" or "extension"
                    ? new UriKey(text, Key(args[0], services), args[1].Text)
                    : throw new FlowSyntaxException("unknown uri component", args[1].Position, args[1].Text);
            default:
                Require(head, args, 2, 2);
                var bits = Count(args[1]);
                return bits <= 128 ? new MaskKey(text, Key(args[0], services), bits)
                    : throw new FlowSyntaxException("mask bits must be 0..128", args[1].Position, args[1].Text);
        }
    }

    private static void Require(Part head, List<Part> args, int min, int max)
    {
        if (args.Count < min || args.Count > max)
        {
            throw new FlowSyntaxException($"'{head.Text}' takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}")} arguments, not {args.Count}",
                head.Position, head.Text);
        }
    }

    private static FlowKey Key(Part part, FlowLanguageServices services) =>
        part.Bracketed ? Parse(part.Text, part.Position, services)
        : part.Text.Length > 0 ? Parse(part.Text, part.Position, services)
        : throw new FlowSyntaxException("missing flow key", part.Position, part.Text);

    private static FlowKey KeyOrLiteral(Part part, FlowLanguageServices services) =>
        part.Bracketed || FlowKeys.TryGet(part.Text, out _) ? Key(part, services) : new LiteralKey(part.Text);

    private static string NonEmpty(Part part) =>
        part.Text.Length > 0 ? part.Text : throw new FlowSyntaxException("empty separator", part.Position, part.Text);

    private static int Count(Part part) =>
        int.TryParse(part.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new FlowSyntaxException("expected a non-negative integer", part.Position, part.Text);

    private static double Number(Part part) =>
        FlowNumbers.TryParse(part.Text, out var n) ? n : throw new FlowSyntaxException("expected a number", part.Position, part.Text);

    /// <summary>Splits at top-level colons; a part wholly in brackets is returned without them, flagged, for nested parsing.</summary>
    private static List<Part> Split(string text, int offset)
    {
        var parts = new List<Part>();
        var current = new StringBuilder();
        var start = 0;
        var depth = 0;
        var bracketed = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && depth == 0 && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                continue;
            }

            if (c == '[')
            {
                if (depth == 0 && current.Length == 0)
                {
                    bracketed = true;
                    depth++;
                    continue;
                }

                depth++;
            }
            else if (c == ']')
            {
                if (depth == 0)
                {
                    throw new FlowSyntaxException("unbalanced ']'", offset + i, "]");
                }

                depth--;
                if (depth == 0 && bracketed)
                {
                    if (i + 1 < text.Length && text[i + 1] != ':')
                    {
                        throw new FlowSyntaxException("expected ':' after ']'", offset + i + 1, text[(i + 1)..]);
                    }

                    continue;
                }
            }
            else if (c == ':' && depth == 0)
            {
                parts.Add(new Part(current.ToString(), offset + start + (bracketed ? 1 : 0), bracketed));
                current.Clear();
                start = i + 1;
                bracketed = false;
                continue;
            }

            current.Append(c);
        }

        if (depth != 0)
        {
            throw new FlowSyntaxException("unbalanced '['", offset + start, text[start..]);
        }

        parts.Add(new Part(current.ToString(), offset + start + (bracketed ? 1 : 0), bracketed));
        return parts;
    }

    private readonly record struct Part(string Text, int Position, bool Bracketed);
}
