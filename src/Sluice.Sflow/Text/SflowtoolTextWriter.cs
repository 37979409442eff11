using System.Globalization;

namespace Sluice.Sflow.Text;

/// <summary>
/// sflowtool's default <c>name value</c> text (sflowtool.md §3.1) or, with <c>grep</c>, the <c>-g</c> form where
/// every line starts with the context columns (§3.2).
/// </summary>
public sealed class SflowtoolTextWriter : SflowtoolOutput
{
    private readonly TextWriter _out;
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

    public override void EndDatagram() => Line("endDatagram   =================================");

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
        _out.Write(name);
        _out.Write(' ');
        _out.Write(value);
        _out.Write('\n');
    }

    public override void ArrayValue(ReadOnlySpan<char> value)
    {
    }

    public override void TextLine(ReadOnlySpan<char> line) => Line(line);

    public override void Flush() => _out.Flush();

    private void Line(ReadOnlySpan<char> line)
    {
        Prefix();
        _out.Write(line);
        _out.Write('\n');
    }

    // sflowtool's sf_log_context: time agent subAgent seqNo class:index sampleTag elementTag.
    private void Prefix()
    {
        if (!_grep)
        {
            return;
        }

        var c = Context;
        _out.Write(c.Time);
        _out.Write(' ');
        if (SflowtoolValues.TryFormatAddress(c.Agent, _scratch, out var written))
        {
            _out.Write(_scratch.AsSpan(0, written));
        }

        var inv = CultureInfo.InvariantCulture;
        _out.Write(' ');
        Number(c.SubAgentId, inv);
        _out.Write(' ');
        Number(c.SequenceNumber, inv);
        _out.Write(' ');
        Number(c.SourceIdClass, inv);
        _out.Write(':');
        Number(c.SourceIdIndex, inv);
        _out.Write(' ');
        Number(c.SampleTag.Enterprise, inv);
        _out.Write(':');
        Number(c.SampleTag.Format, inv);
        _out.Write(' ');
        Number(c.ElementTag.Enterprise, inv);
        _out.Write(':');
        Number(c.ElementTag.Format, inv);
        _out.Write(' ');
    }

    private void Number(uint value, CultureInfo culture)
    {
        value.TryFormat(_scratch, out var written, default, culture);
        _out.Write(_scratch.AsSpan(0, written));
    }
}
