using System.Globalization;

namespace Sluice.Sflow.Text;

/// <summary>
/// sflowtool's default <c>name value</c> text (sflowtool.md §3.1) or, with <c>grep</c>, the <c>-g</c> form where
/// every line starts with the context columns (§3.2).
/// </summary>
public sealed class SflowtoolTextWriter : SflowtoolOutput
{
    private readonly TextWriter _out;
    private readonly CharBuffer _buffer = new();
    private readonly bool _grep;
    private readonly char[] _scratch = new char[64];

    public SflowtoolTextWriter(TextWriter output, TextWriter? errors = null, bool grep = false)
        : base(errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _grep = grep;
    }

    public override bool IsStructured => false;

    public override void StartDatagram() => Line("startDatagram =================================");

    public override void EndDatagram()
    {
        Line("endDatagram   =================================");
        _buffer.WriteTo(_out);
    }

    public override void StartSample() => Line("startSample ----------------------");

    public override void EndSample() => Line("endSample   ----------------------");

    public override void StartArray(string name)
    {
    }

    public override void EndArray()
    {
    }

    public override void StartObject()
    {
    }

    public override void EndObject()
    {
    }

    public override void Field(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        Prefix();
        _buffer.Append(name);
        _buffer.Append(' ');
        _buffer.Append(value);
        _buffer.Append('\n');
    }

    public override void ArrayValue(ReadOnlySpan<char> value)
    {
    }

    public override void TextLine(ReadOnlySpan<char> line) => Line(line);

    public override void Flush() => _out.Flush();

    private void Line(ReadOnlySpan<char> line)
    {
        Prefix();
        _buffer.Append(line);
        _buffer.Append('\n');
    }

    // sflowtool's sf_log_context: time agent subAgent seqNo class:index sampleTag elementTag.
    private void Prefix()
    {
        if (!_grep)
        {
            return;
        }

        var c = Context;
        _buffer.Append(c.Time);
        _buffer.Append(' ');
        if (SflowtoolValues.TryFormatAddress(c.Agent, _scratch, out var written))
        {
            _buffer.Append(_scratch.AsSpan(0, written));
        }

        var inv = CultureInfo.InvariantCulture;
        _buffer.Append(' ');
        Number(c.SubAgentId, inv);
        _buffer.Append(' ');
        Number(c.SequenceNumber, inv);
        _buffer.Append(' ');
        Number(c.SourceIdClass, inv);
        _buffer.Append(':');
        Number(c.SourceIdIndex, inv);
        _buffer.Append(' ');
        Number(c.SampleTag.Enterprise, inv);
        _buffer.Append(':');
        Number(c.SampleTag.Format, inv);
        _buffer.Append(' ');
        Number(c.ElementTag.Enterprise, inv);
        _buffer.Append(':');
        Number(c.ElementTag.Format, inv);
        _buffer.Append(' ');
    }

    private void Number(uint value, CultureInfo culture)
    {
        value.TryFormat(_scratch, out var written, default, culture);
        _buffer.Append(_scratch.AsSpan(0, written));
    }
}
