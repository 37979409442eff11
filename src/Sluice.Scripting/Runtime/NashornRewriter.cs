using System.Text;

namespace Sluice.Scripting.Runtime;

/// <summary>
/// The source pre-pass for the two Nashorn forms old InMon apps use (sflow-rt-api.md §6.1), which no ES engine parses:
/// <c>for each (var x in y)</c> becomes <c>for (var x of __sluiceEach(y))</c> (values of an array or an object), and an
/// expression closure <c>function(a,b) a - b</c> becomes <c>function(a,b) { return a - b; }</c>. Strings, template
/// literals, comments and regular expressions are skipped, so text that only looks like these forms is left alone.
/// Line breaks are kept, so error lines still match the file.
/// </summary>
internal static class NashornRewriter
{
    /// <summary>The helper <c>for each</c> iterates: array elements, or an object's own enumerable values.</summary>
    public const string EachHelper =
        "function __sluiceEach(v){if(v==null)return [];if(Array.isArray(v)||typeof v[Symbol.iterator]==='function')return v;return Object.keys(v).map(function(k){return v[k];});}";

    private static readonly HashSet<string> RegexAfterWords = new(StringComparer.Ordinal)
    {
        "return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "instanceof", "do", "else", "yield", "await",
    };

    public static string Rewrite(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Contains("function", StringComparison.Ordinal) && !source.Contains("each", StringComparison.Ordinal))
        {
            return source;
        }

        var output = new StringBuilder(source.Length + 64);
        var i = 0;
        string? lastWord = null;
        var lastChar = '\0';
        while (i < source.Length)
        {
            var c = source[i];
            if (c is '"' or '\'' or '`')
            {
                var end = SkipString(source, i);
                output.Append(source, i, end - i);
                i = end;
                (lastChar, lastWord) = ('a', null);
                continue;
            }

            if (c == '/' && i + 1 < source.Length && source[i + 1] is '/' or '*')
            {
                var end = SkipComment(source, i);
                output.Append(source, i, end - i);
                i = end;
                continue;
            }

            if (c == '/' && RegexMayStart(lastChar, lastWord))
            {
                var end = SkipRegex(source, i);
                output.Append(source, i, end - i);
                i = end;
                (lastChar, lastWord) = ('a', null);
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var end = i;
                while (end < source.Length && IsIdentifierPart(source[end]))
                {
                    end++;
                }

                var word = source[i..end];
                if (word == "for" && TryRewriteForEach(source, end, output, out var next))
                {
                    i = next;
                    (lastChar, lastWord) = (')', null);
                    continue;
                }

                if (word == "function" && TryRewriteClosure(source, end, output, out next))
                {
                    i = next;
                    (lastChar, lastWord) = ('}', null);
                    continue;
                }

                output.Append(word);
                i = end;
                (lastChar, lastWord) = ('a', word);
                continue;
            }

            output.Append(c);
            i++;
            if (!char.IsWhiteSpace(c))
            {
                (lastChar, lastWord) = (c, null);
            }
        }

        return output.ToString();
    }

    /// <summary>At <paramref name="start"/> (just after <c>for</c>): <c> each (HEAD in EXPR)</c>.</summary>
    private static bool TryRewriteForEach(string s, int start, StringBuilder output, out int next)
    {
        next = start;
        var i = SkipSpace(s, start);
        if (!s.AsSpan(i).StartsWith("each", StringComparison.Ordinal) || (i + 4 < s.Length && IsIdentifierPart(s[i + 4])))
        {
            return false;
        }

        var open = SkipSpace(s, i + 4);
        if (open >= s.Length || s[open] != '(')
        {
            return false;
        }

        var close = FindClosing(s, open);
        var inAt = FindTopLevelWord(s, open + 1, close, "in");
        if (close < 0 || inAt < 0)
        {
            return false;
        }

        var expression = s[(inAt + 2)..close];
        var trimmed = expression.TrimStart();
        var space = expression.Length > trimmed.Length ? expression[..(expression.Length - trimmed.Length)] : " ";
        output.Append("for (").Append(s, open + 1, inAt - open - 1).Append("of").Append(space).Append("__sluiceEach(")
            .Append(Rewrite(trimmed)).Append("))");
        next = close + 1;
        return true;
    }

    /// <summary>At <paramref name="start"/> (just after <c>function</c>): <c> name(params) EXPR</c> without a brace.</summary>
    private static bool TryRewriteClosure(string s, int start, StringBuilder output, out int next)
    {
        next = start;
        var i = SkipSpace(s, start);
        if (i < s.Length && s[i] == '*')
        {
            return false;
        }

        var nameStart = i;
        while (i < s.Length && IsIdentifierPart(s[i]))
        {
            i++;
        }

        var nameEnd = i;
        i = SkipSpace(s, i);
        if (i >= s.Length || s[i] != '(')
        {
            return false;
        }

        var close = FindClosing(s, i);
        if (close < 0)
        {
            return false;
        }

        var body = SkipSpace(s, close + 1);
        if (body >= s.Length || s[body] == '{')
        {
            return false;
        }

        var end = FindExpressionEnd(s, body);
        var expression = s[body..end].TrimEnd();
        if (expression.Length == 0)
        {
            return false;
        }

        output.Append("function");
        if (nameEnd > nameStart)
        {
            output.Append(' ').Append(s, nameStart, nameEnd - nameStart);
        }

        var gap = s[(close + 1)..body];
        output.Append(s, i, close + 1 - i).Append(gap.Length > 0 ? gap : " ").Append("{ return ").Append(Rewrite(expression)).Append("; }");
        output.Append(s, body + expression.Length, end - body - expression.Length);
        next = end;
        return true;
    }

    /// <summary>Where an expression closure's body ends: a <c>, ; ) ] }</c> outside any brackets.</summary>
    private static int FindExpressionEnd(string s, int start)
    {
        var depth = 0;
        var i = start;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '"' or '\'' or '`':
                    i = SkipString(s, i);
                    continue;
                case '/' when i + 1 < s.Length && s[i + 1] is '/' or '*':
                    i = SkipComment(s, i);
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return i;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' or ';' when depth == 0:
                    return i;
            }

            i++;
        }

        return i;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1.</summary>
    private static int FindClosing(string s, int open)
    {
        var depth = 0;
        var i = open;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(s, i);
                continue;
            }

            if (c == '/' && i + 1 < s.Length && s[i + 1] is '/' or '*')
            {
                i = SkipComment(s, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>The index of <paramref name="word"/> as a whole word at bracket depth 0 within [start, end), or -1.</summary>
    private static int FindTopLevelWord(string s, int start, int end, string word)
    {
        var depth = 0;
        var i = start;
        while (i < end)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(s, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && IsIdentifierStart(c) && (i == start || !IsIdentifierPart(s[i - 1])))
            {
                var wordEnd = i;
                while (wordEnd < end && IsIdentifierPart(s[wordEnd]))
                {
                    wordEnd++;
                }

                if (s.AsSpan(i, wordEnd - i).SequenceEqual(word))
                {
                    return i;
                }

                i = wordEnd;
                continue;
            }

            i++;
        }

        return -1;
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] is '/' or '*')
            {
                i = SkipComment(s, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int SkipString(string s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote)
        {
            i += s[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, s.Length);
    }

    private static int SkipComment(string s, int i)
    {
        if (s[i + 1] == '/')
        {
            var newline = s.IndexOf('\n', i);
            return newline < 0 ? s.Length : newline;
        }

        var close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return close < 0 ? s.Length : close + 2;
    }

    private static int SkipRegex(string s, int i)
    {
        var inClass = false;
        i++;
        while (i < s.Length && s[i] != '\n')
        {
            var c = s[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                i++;
                while (i < s.Length && IsIdentifierPart(s[i]))
                {
                    i++;
                }

                return i;
            }

            i++;
        }

        return i;
    }

    private static bool RegexMayStart(char lastChar, string? lastWord) =>
        lastWord is not null ? RegexAfterWords.Contains(lastWord) : lastChar is '\0' or '(' or ',' or '=' or ':' or '[' or '!' or '&' or '|' or '?' or '{' or '}' or ';' or '+' or '-' or '*' or '%' or '<' or '>' or '~' or '^';

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
