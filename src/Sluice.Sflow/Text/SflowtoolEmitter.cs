using System.Globalization;
using System.Text;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// Builds names (with the current prefixes) and values in reusable buffers and hands the pairs to the output,
/// so formatting allocates nothing per field.
/// </summary>
internal sealed class SflowtoolEmitter
{
    private char[] _name = new char[256];
    private char[] _value = new char[1024];
    private int _valueLength;

    public SflowtoolEmitter(SflowtoolOutput output)
    {
        Output = output;
    }

    public SflowtoolOutput Output { get; }

    /// <summary>Sample-level prefix: <c>discarded_</c> inside discard samples.</summary>
    public string SamplePrefix { get; set; } = string.Empty;

    /// <summary>Record-level prefix: <c>tunnel_ipv4_in_</c> and friends.</summary>
    public string RecordPrefix { get; set; } = string.Empty;

    // ---- value building ----

    public SflowtoolEmitter Clear()
    {
        _valueLength = 0;
        return this;
    }

    public ReadOnlySpan<char> Value => _value.AsSpan(0, _valueLength);

    public SflowtoolEmitter Append(char c)
    {
        Ensure(1);
        _value[_valueLength++] = c;
        return this;
    }

    public SflowtoolEmitter Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_value.AsSpan(_valueLength));
        _valueLength += text.Length;
        return this;
    }

    public SflowtoolEmitter Append(ulong number)
    {
        Ensure(20);
        number.TryFormat(_value.AsSpan(_valueLength), out var written, default, CultureInfo.InvariantCulture);
        _valueLength += written;
        return this;
    }

    public SflowtoolEmitter AppendSigned(long number)
    {
        Ensure(21);
        number.TryFormat(_value.AsSpan(_valueLength), out var written, default, CultureInfo.InvariantCulture);
        _valueLength += written;
        return this;
    }

    public SflowtoolEmitter AppendFixed(double number, string format)
    {
        Ensure(64);
        if (!number.TryFormat(_value.AsSpan(_valueLength), out var written, format, CultureInfo.InvariantCulture))
        {
            var text = number.ToString(format, CultureInfo.InvariantCulture);
            return Append(text);
        }

        _valueLength += written;
        return this;
    }

    public SflowtoolEmitter AppendHex(ReadOnlySpan<byte> bytes, bool upper = false, char separator = '\0')
    {
        Ensure(bytes.Length * 3);
        var digits = upper ? SflowtoolValues.HexUpper : SflowtoolValues.HexLower;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (separator != '\0' && i > 0)
            {
                _value[_valueLength++] = separator;
            }

            _value[_valueLength++] = digits[bytes[i] >> 4];
            _value[_valueLength++] = digits[bytes[i] & 0xF];
        }

        return this;
    }

    /// <summary>Lower-case hex with no leading zeros (C's <c>%x</c>).</summary>
    public SflowtoolEmitter AppendHexNumber(ulong number)
    {
        Ensure(16);
        number.TryFormat(_value.AsSpan(_valueLength), out var written, "x", CultureInfo.InvariantCulture);
        _valueLength += written;
        return this;
    }

    public SflowtoolEmitter AppendAddress(in SflowAddress address)
    {
        Ensure(40);
        SflowtoolValues.TryFormatAddress(address, _value.AsSpan(_valueLength), out var written);
        _valueLength += written;
        return this;
    }

    public SflowtoolEmitter AppendIP(ReadOnlySpan<byte> bytes)
    {
        Ensure(40);
        int written;
        if (bytes.Length == 4)
        {
            SflowtoolValues.TryFormatIPv4(bytes, _value.AsSpan(_valueLength), out written);
        }
        else
        {
            SflowtoolValues.TryFormatIPv6(bytes, _value.AsSpan(_valueLength), out written);
        }

        _valueLength += written;
        return this;
    }

    /// <summary>
    /// An XDR string as sflowtool keeps it: at most <paramref name="keep"/> bytes (its C buffer minus the
    /// terminator), cut at the first NUL, bytes decoded as UTF-8.
    /// </summary>
    public SflowtoolEmitter AppendText(ReadOnlySpan<byte> bytes, int keep)
    {
        if (keep >= 0 && bytes.Length > keep)
        {
            bytes = bytes[..keep];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            bytes = bytes[..nul];
        }

        Ensure(Encoding.UTF8.GetMaxCharCount(bytes.Length));
        _valueLength += Encoding.UTF8.GetChars(bytes, _value.AsSpan(_valueLength));
        return this;
    }

    /// <summary>sflowtool's URLEncode: alphanumerics kept, white space to <c>+</c>, the rest <c>%XX</c>.</summary>
    public SflowtoolEmitter AppendUrlEncoded(ReadOnlySpan<byte> bytes, int keep)
    {
        if (keep >= 0 && bytes.Length > keep)
        {
            bytes = bytes[..keep];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            bytes = bytes[..nul];
        }

        Ensure(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80 && char.IsAsciiLetterOrDigit((char)b))
            {
                _value[_valueLength++] = (char)b;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
            {
                _value[_valueLength++] = '+';
            }
            else
            {
                _value[_valueLength++] = '%';
                _value[_valueLength++] = SflowtoolValues.HexUpper[b >> 4];
                _value[_valueLength++] = SflowtoolValues.HexUpper[b & 0xF];
            }
        }

        return this;
    }

    // ---- emitting ----

    /// <summary>Emits the built value under <paramref name="name"/> with the current prefixes.</summary>
    public void Emit(string name) => Emit(name.AsSpan());

    public void Emit(ReadOnlySpan<char> name) => Emit(ReadOnlySpan<char>.Empty, name);

    /// <summary>Emits the built value under prefixes + <paramref name="extraPrefix"/> + <paramref name="name"/>.</summary>
    public void Emit(ReadOnlySpan<char> extraPrefix, ReadOnlySpan<char> name)
    {
        var length = SamplePrefix.Length + RecordPrefix.Length + extraPrefix.Length + name.Length;
        if (_name.Length < length)
        {
            _name = new char[Math.Max(length, _name.Length * 2)];
        }

        var n = _name.AsSpan();
        SamplePrefix.AsSpan().CopyTo(n);
        var at = SamplePrefix.Length;
        RecordPrefix.AsSpan().CopyTo(n[at..]);
        at += RecordPrefix.Length;
        extraPrefix.CopyTo(n[at..]);
        at += extraPrefix.Length;
        name.CopyTo(n[at..]);
        Output.Field(_name.AsSpan(0, length), Value);
    }

    public void Field(string name, ulong number) => Clear().Append(number).Emit(name);

    public void Field(string name, string text) => Clear().Append(text).Emit(name);

    public void TextLine() => Output.TextLine(Value);

    private void Ensure(int extra)
    {
        if (_valueLength + extra > _value.Length)
        {
            Array.Resize(ref _value, Math.Max(_value.Length * 2, _valueLength + extra));
        }
    }
}
