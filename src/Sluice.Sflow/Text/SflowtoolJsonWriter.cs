using System.Buffers;

namespace Sluice.Sflow.Text;

/// <summary>
/// sflowtool's <c>-j</c> (one compact line per datagram) and <c>-J</c> (indented, blank line after each
/// datagram) JSON (sflowtool.md §3.3), with two corrections: strings are JSON-escaped, and a decode
/// error closes every open array and object, so each datagram is always valid JSON.
/// </summary>
public sealed class SflowtoolJsonWriter : SflowtoolOutput
{
    // RFC 8259 §7: the characters a JSON string must escape.
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private readonly TextWriter _out;
    private readonly CharBuffer _buffer = new();
    private readonly bool _indented;
    private readonly Stack<char> _open = new();
    private bool _first;
    private bool _listStart;

    public SflowtoolJsonWriter(TextWriter output, TextWriter? errors = null, bool indented = false)
        : base(errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _indented = indented;
    }

    public override bool IsStructured => true;

    public override void StartDatagram()
    {
        _open.Clear();
        _first = true;
        Open(null, '{');
    }

    public override void EndDatagram()
    {
        while (_open.Count > 0)
        {
            Close();
        }

        _buffer.Append('\n');
        if (_indented)
        {
            _buffer.Append('\n');
        }

        _buffer.WriteTo(_out);
    }

    public override void StartSample() => Open(null, '{');

    public override void EndSample() => Close();

    public override void StartArray(string name) => Open(name, '[');

    public override void EndArray() => Close();

    public override void StartObject() => Open(null, '{');

    public override void EndObject() => Close();

    public override void Field(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        if (!_listStart)
        {
            _buffer.Append(',');
        }

        _listStart = false;
        Indent();
        _buffer.Append('"');

        // Names are sflowtool's own field names and prefixes: plain ASCII, never escaped.
        _buffer.Append(name);
        _buffer.Append("\":\"");
        Escaped(value);
        _buffer.Append('"');
    }

    // sflowtool prints each MAC of mac_list followed by a space, commas between them.
    public override void ArrayValue(ReadOnlySpan<char> value)
    {
        if (!_listStart)
        {
            _buffer.Append(',');
        }

        _listStart = false;
        Indent();
        _buffer.Append('"');
        Escaped(value);
        _buffer.Append("\" ");
    }

    public override void TextLine(ReadOnlySpan<char> line)
    {
    }

    public override void Flush() => _out.Flush();

    private void Open(string? name, char bracket)
    {
        if (_first)
        {
            _first = false;
        }
        else if (!_listStart)
        {
            _buffer.Append(',');
            Indent();
        }

        if (name is not null)
        {
            _buffer.Append('"');
            Escaped(name);
            _buffer.Append("\":");
        }

        _buffer.Append(bracket);
        _open.Push(bracket == '{' ? '}' : ']');
        _listStart = true;
    }

    private void Close()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var bracket = _open.Pop();
        Indent();
        _buffer.Append(bracket);
        _listStart = false;
    }

    private void Indent()
    {
        if (!_indented)
        {
            return;
        }

        _buffer.Append('\n');
        _buffer.Append(' ', _open.Count);
    }

    // sflowtool writes strings raw; RFC 8259 needs quotes, backslashes and control characters escaped.
    private void Escaped(ReadOnlySpan<char> text)
    {
        var next = text.IndexOfAny(NeedsEscape);
        if (next < 0)
        {
            _buffer.Append(text);
            return;
        }

        var start = 0;
        for (var i = next; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            _buffer.Append(text[start..i]);
            start = i + 1;
            switch (c)
            {
                case '"': _buffer.Append("\\\""); break;
                case '\\': _buffer.Append("\\\\"); break;
                case '\n': _buffer.Append("\\n"); break;
                case '\r': _buffer.Append("\\r"); break;
                case '\t': _buffer.Append("\\t"); break;
                default:
                    _buffer.Append("\\u00");
                    _buffer.Append(SflowtoolValues.HexLower[c >> 4]);
                    _buffer.Append(SflowtoolValues.HexLower[c & 0xF]);
                    break;
            }
        }

        _buffer.Append(text[start..]);
    }
}
