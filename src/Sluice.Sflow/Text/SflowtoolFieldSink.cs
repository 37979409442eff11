using Sluice.Sflow.Records;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// Turns the fields of a walked record into sflowtool <c>name value</c> pairs using each field's
/// <see cref="FieldDisplay"/>. Lists shown as one value (label stacks, communities) are collected and
/// printed at their end, and only when not empty, as sflowtool does.
/// </summary>
internal struct SflowtoolFieldSink : IRecordFieldSink
{
    private readonly SflowtoolEmitter _emitter;
    private FieldSpec? _collecting;
    private int _collected;
    private int _hiddenDepth;

    public SflowtoolFieldSink(SflowtoolEmitter emitter)
    {
        _emitter = emitter;
    }

    public void OnNumber(FieldSpec field, ulong value)
    {
        if (_hiddenDepth > 0)
        {
            return;
        }

        if (_collecting is { } list)
        {
            Collect(list.Display, (uint)value);
            return;
        }

        var e = _emitter.Clear();
        switch (field.Display)
        {
            case FieldDisplay.Hidden:
                return;
            case FieldDisplay.SignedDecimal:
                e.AppendSigned((int)value);
                break;
            case FieldDisplay.Percent:
                // sflowtool divides as float before printing %.2f.
                if ((uint)value == uint.MaxValue)
                {
                    e.Append("unknown");
                }
                else
                {
                    e.AppendFixed((float)(uint)value / 100.0f, "F2");
                }

                break;
            case FieldDisplay.Hex64:
                e.AppendHexNumber(value);
                var digits = e.Value.Length;
                if (digits < 16)
                {
                    Span<char> padded = stackalloc char[16];
                    padded[..(16 - digits)].Fill('0');
                    e.Value.CopyTo(padded[(16 - digits)..]);
                    e.Clear().Append(padded);
                }

                break;
            case FieldDisplay.PacketDirection:
                e.Append(value switch { 0 => "unknown", 1 => "received", 2 => "sent", _ => "<bad value>" });
                break;
            case FieldDisplay.AppStatus:
                if (value < (ulong)SflowtoolNames.AppStatus.Length)
                {
                    e.Append(SflowtoolNames.AppStatus[(int)value]);
                }
                else
                {
                    e.Append("<out-of-range=").Append(value).Append('>');
                }

                break;
            case FieldDisplay.LacpPortState:
                // sflowtool reads the word unswapped into four octets: actor admin first on the wire.
                _emitter.Field("actorAdminPortState", (value >> 24) & 0xFF);
                _emitter.Field("actorOperPortState", (value >> 16) & 0xFF);
                _emitter.Field("partnerAdminPortState", (value >> 8) & 0xFF);
                _emitter.Field("partnerOperPortState", value & 0xFF);
                return;
            default:
                e.Append(value);
                break;
        }

        e.Emit(field.Name);
    }

    public readonly void OnReal(FieldSpec field, double value)
    {
        if (_hiddenDepth > 0 || field.Display == FieldDisplay.Hidden)
        {
            return;
        }

        _emitter.Clear().AppendFixed(value, "F3").Emit(field.Name);
    }

    public readonly void OnBytes(FieldSpec field, ReadOnlySpan<byte> value)
    {
        if (_hiddenDepth > 0)
        {
            return;
        }

        var e = _emitter.Clear();
        switch (field.Display)
        {
            case FieldDisplay.Hidden:
                return;
            case FieldDisplay.Text:
                if (value.Length == 0)
                {
                    return;
                }

                e.AppendText(value, field.MaxLength - 1);
                break;
            case FieldDisplay.TextAlways:
                e.AppendText(value, field.MaxLength - 1);
                break;
            case FieldDisplay.UrlEncoded:
                if (value.Length == 0)
                {
                    return;
                }

                e.AppendUrlEncoded(value, field.MaxLength - 1);
                break;
            case FieldDisplay.Mac:
                e.AppendHex(value);
                break;
            case FieldDisplay.Uuid:
                e.AppendHex(value[..4]).Append('-').AppendHex(value[4..6]).Append('-').AppendHex(value[6..8])
                    .Append('-').AppendHex(value[8..10]).Append('-').AppendHex(value[10..16]);
                break;
            case FieldDisplay.IPAddress:
                e.AppendIP(value);
                break;
            default:
                e.AppendHex(value, upper: true, separator: '-');
                break;
        }

        e.Emit(field.Name);
    }

    public readonly void OnAddress(FieldSpec field, in SflowAddress value)
    {
        if (_hiddenDepth > 0 || field.Display == FieldDisplay.Hidden)
        {
            return;
        }

        _emitter.Clear().AppendAddress(value).Emit(field.Name);
    }

    public void OnListStart(FieldSpec field, int count)
    {
        if (_hiddenDepth > 0 || _collecting is not null)
        {
            _hiddenDepth++;
            return;
        }

        switch (field.Display)
        {
            case FieldDisplay.MplsLabelStack or FieldDisplay.VlanTagStack or FieldDisplay.DashList:
                _collecting = field;
                _collected = 0;
                _emitter.Clear();
                break;
            case FieldDisplay.Hidden:
                _hiddenDepth++;
                break;
        }
    }

    public readonly void OnItemStart(FieldSpec field, int index)
    {
    }

    public readonly void OnItemEnd(FieldSpec field, int index)
    {
    }

    public void OnListEnd(FieldSpec field)
    {
        if (_hiddenDepth > 0)
        {
            _hiddenDepth--;
            return;
        }

        if (ReferenceEquals(_collecting, field))
        {
            _collecting = null;
            if (_collected > 0)
            {
                _emitter.Emit(field.Name);
            }
        }
    }

    private void Collect(FieldDisplay display, uint item)
    {
        var e = _emitter;
        if (_collected++ > 0)
        {
            e.Append('-');
        }

        switch (display)
        {
            case FieldDisplay.MplsLabelStack:
                // RFC 3032 label stack entry: label(20) exp(3) bos(1) ttl(8).
                e.Append(item >> 12).Append('.').Append((item >> 9) & 7).Append('.').Append((item >> 8) & 1)
                    .Append('.').Append(item & 0xFF);
                break;
            case FieldDisplay.VlanTagStack:
                // 802.1Q tag: TPID(16) then priority(3) CFI(1) VLAN(12).
                e.Append("0x").AppendHex([(byte)(item >> 24), (byte)(item >> 16)])
                    .Append((item >> 13) & 7).Append('.').Append((item >> 12) & 1).Append('.').Append(item & 0xFFF);
                break;
            default:
                e.Append(item);
                break;
        }
    }
}
