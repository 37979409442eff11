namespace Sluice.Sflow.Text;

/// <summary>
/// Collects one datagram's output so it reaches the <see cref="TextWriter"/> in a single call: the formats
/// are made of many tiny pieces (a quote, a name, a colon), and a virtual call per piece costs more than
/// the formatting itself.
/// </summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[16 * 1024];
    private int _length;

    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_chars.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(char c, int count)
    {
        if (_chars.Length - _length < count)
        {
            Grow(count);
        }

        _chars.AsSpan(_length, count).Fill(c);
        _length += count;
    }

    /// <summary>Writes what was collected to <paramref name="output"/> and starts again.</summary>
    public void WriteTo(TextWriter output)
    {
        output.Write(_chars, 0, _length);
        _length = 0;
    }

    private void Grow(int extra) => Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + extra));
}
