using System.Text;

namespace Sluice.Sflowtool;

/// <summary>
/// Buffered standard output for the text formats. The formatters write many tiny pieces (a quote, a name, a
/// value), so this writer encodes straight into one byte buffer (ASCII fast path, UTF-8 otherwise) instead of
/// going through StreamWriter's char buffer. The formatter flushes after every datagram, which a live socket
/// needs but which would cost a write per datagram when reading a file, so flushing is opt-in per mode.
/// </summary>
internal sealed class SflowtoolStdout : TextWriter
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _length;

    public SflowtoolStdout(Stream stream)
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
        _stream = stream;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>True when each datagram must reach the reader at once (socket input).</summary>
    public bool FlushEachDatagram { get; set; }

    public override void Write(char value)
    {
        if (value < 0x80 && _length < _buffer.Length)
        {
            _buffer[_length++] = (byte)value;
            return;
        }

        Write(new ReadOnlySpan<char>(in value));
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // At most a third of the free space per pass: a char never needs more than 3 UTF-8 bytes.
            var free = _buffer.Length - _length;
            if (free < 16)
            {
                Drain();
                continue;
            }

            var take = Math.Min(buffer.Length, free / 3);
            if (char.IsSurrogate(buffer[take - 1]) && take < buffer.Length)
            {
                take--; // keep a surrogate pair together
            }

            _length += Encoding.UTF8.GetBytes(buffer[..take], _buffer.AsSpan(_length));
            buffer = buffer[take..];
        }
    }

    public override void Flush()
    {
        if (FlushEachDatagram)
        {
            FlushNow();
        }
    }

    public void FlushNow()
    {
        Drain();
        _stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlushNow();
        }

        base.Dispose(disposing);
    }

    private void Drain()
    {
        if (_length > 0)
        {
            _stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }
}
