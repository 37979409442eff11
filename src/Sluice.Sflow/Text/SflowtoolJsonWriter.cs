namespace Sluice.Sflow.Text;

/// <summary>
/// sflowtool's <c>-j</c> (one compact line per datagram) and <c>-J</c> (indented, blank line after each
/// datagram) JSON (sflowtool.md §3.3), with two corrections: strings are JSON-escaped, and a decode
/// error closes every open array and object, so each datagram is always valid JSON.
/// </summary>
public sealed class SflowtoolJsonWriter : SflowtoolOutput
{
    private readonly TextWriter _out;
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

        _out.Write('\n');
        if (_indented)
        {
            _out.Write('\n');
        }
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
            _out.Write(',');
        }

        _listStart = false;
        Indent();
        _out.Write('"');
        Escaped(name);
        _out.Write("\":\"");
        Escaped(value);
        _out.Write('"');
    }

    // sflowtool prints each MAC of mac_list followed by a space, commas between them.
    public override void ArrayValue(ReadOnlySpan<char> value)
    {
        if (!_listStart)
        {
            _out.Write(',');
        }

        _listStart = false;
        Indent();
        _out.Write('"');
        Escaped(value);
        _out.Write("\" ");
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
            _out.Write(',');
            Indent();
        }

        if (name is not null)
        {
            _out.Write('"');
            Escaped(name);
            _out.Write("\":");
        }

        _out.Write(bracket);
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
        _out.Write(bracket);
        _listStart = false;
    }

    private void Indent()
    {
        if (!_indented)
        {
            return;
        }

        _out.Write('\n');
        for (var i = 0; i < _open.Count; i++)
        {
            _out.Write(' ');
        }
    }

    // sflowtool writes strings raw; RFC 8259 needs quotes, backslashes and control characters escaped.
    private void Escaped(ReadOnlySpan<char> text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            _out.Write(text[start..i]);
            start = i + 1;
            switch (c)
            {
                case '"': _out.Write("\\\""); break;
                case '\\': _out.Write("\\\\"); break;
                case '\n': _out.Write("\\n"); break;
                case '\r': _out.Write("\\r"); break;
                case '\t': _out.Write("\\t"); break;
                default:
                    _out.Write("\\u00");
                    _out.Write(SflowtoolValues.HexLower[c >> 4]);
                    _out.Write(SflowtoolValues.HexLower[c & 0xF]);
                    break;
            }
        }

        _out.Write(text[start..]);
    }
}
