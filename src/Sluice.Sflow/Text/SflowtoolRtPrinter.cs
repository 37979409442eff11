using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// InMon real-time samples (4300:1002 RTMETRIC, 4300:1003 RTFLOW): name/type/value triples printed as
/// <c>rtmetric_&lt;type&gt;_&lt;name&gt;</c> / <c>rtflow_&lt;type&gt;_&lt;name&gt;</c>, as sflowtool does *(source)*.
/// </summary>
internal static class SflowtoolRtPrinter
{
    private const int KeyKeep = 63;
    private const int ValueKeep = 254;

    private static readonly string[] MetricPrefixes =
        ["rtmetric_string_", "rtmetric_counter32_", "rtmetric_counter64_", "rtmetric_gauge32_", "rtmetric_gauge64_", "rtmetric_gaugeFloat_", "rtmetric_gaugeDouble_"];

    private static readonly string[] FlowPrefixes =
        ["rtflow_string_", "rtflow_mac_", "rtflow_ip_", "rtflow_ip6_", "rtflow_int32_", "rtflow_int64_", "rtflow_float_", "rtflow_double_"];

    /// <summary>Prints an RTMETRIC body; <paramref name="exception"/> is sflowtool's exception number on failure.</summary>
    public static void PrintMetric(SflowtoolEmitter e, ReadOnlySpan<byte> body, out int exception)
    {
        e.Field("sampleType", "RTMETRIC");
        var r = new SflowReader(body);
        exception = 1;
        if (!Name(e, ref r, "rtmetric_datasource_name") || !r.TryReadUInt32(out var count))
        {
            return;
        }

        Span<char> name = stackalloc char[KeyKeep * 4];
        for (uint i = 0; i < count; i++)
        {
            if (!r.TryReadOpaque(out var key) || !r.TryReadUInt32(out var type))
            {
                return;
            }

            var n = e.Clear().AppendText(key, KeyKeep).Value.Length;
            e.Value.CopyTo(name);
            e.Clear();
            var ok = type switch
            {
                0 => Text(e, ref r),
                1 or 3 => Word32(e, ref r),
                2 or 4 => Word64(e, ref r),
                5 => Real32(e, ref r),
                6 => Real64(e, ref r),
                _ => Unknown(e, "rtmetric", type),
            };
            if (!ok)
            {
                exception = type > 6 ? 2 : 1;
                return;
            }

            e.Emit(MetricPrefixes[type], name[..n]);
        }

        exception = r.Position == body.Length ? 0 : 3;
    }

    public static void PrintFlow(SflowtoolEmitter e, ReadOnlySpan<byte> body, out int exception)
    {
        e.Field("sampleType", "RTFLOW");
        var r = new SflowReader(body);
        exception = 1;
        if (!Name(e, ref r, "rtflow_datasource_name") || !r.TryReadUInt32(out var rate) || !r.TryReadUInt32(out var pool))
        {
            return;
        }

        e.Field("rtflow_sampling_rate", rate);
        e.Field("rtflow_sample_pool", pool);
        if (!r.TryReadUInt32(out var count))
        {
            return;
        }

        Span<char> name = stackalloc char[KeyKeep * 4];
        for (uint i = 0; i < count; i++)
        {
            if (!r.TryReadOpaque(out var key) || !r.TryReadUInt32(out var type))
            {
                return;
            }

            var n = e.Clear().AppendText(key, KeyKeep).Value.Length;
            e.Value.CopyTo(name);
            e.Clear();
            bool ok;
            switch (type)
            {
                case 0: ok = Text(e, ref r); break;
                case 1: ok = r.TryReadFixed(6, out var mac); e.AppendHex(mac); break;
                case 2: ok = r.TryReadFixed(4, out var v4); if (ok) { e.AppendIP(v4); } break;
                case 3: ok = r.TryReadFixed(16, out var v6); if (ok) { e.AppendIP(v6); } break;
                case 4: ok = Word32(e, ref r); break;
                case 5: ok = Word64(e, ref r); break;
                case 6: ok = Real32(e, ref r); break;
                case 7: ok = Real64(e, ref r); break;
                default: ok = Unknown(e, "rtflow", type); break;
            }

            if (!ok)
            {
                exception = type > 7 ? 2 : 1;
                return;
            }

            e.Emit(FlowPrefixes[type], name[..n]);
        }

        exception = r.Position == body.Length ? 0 : 3;
    }

    private static bool Name(SflowtoolEmitter e, ref SflowReader r, string field)
    {
        if (!r.TryReadOpaque(out var text))
        {
            return false;
        }

        if (text.Length > 0)
        {
            e.Clear().AppendText(text, KeyKeep).Emit(field);
        }

        return true;
    }

    private static bool Text(SflowtoolEmitter e, ref SflowReader r)
    {
        if (!r.TryReadOpaque(out var text))
        {
            return false;
        }

        e.AppendText(text, ValueKeep);
        return true;
    }

    private static bool Word32(SflowtoolEmitter e, ref SflowReader r)
    {
        var ok = r.TryReadUInt32(out var v);
        e.Append(v);
        return ok;
    }

    private static bool Word64(SflowtoolEmitter e, ref SflowReader r)
    {
        var ok = r.TryReadUInt64(out var v);
        e.Append(v);
        return ok;
    }

    private static bool Real32(SflowtoolEmitter e, ref SflowReader r)
    {
        var ok = r.TryReadSingle(out var v);
        e.AppendFixed(v, "F3");
        return ok;
    }

    private static bool Real64(SflowtoolEmitter e, ref SflowReader r)
    {
        var ok = r.TryReadDouble(out var v);
        e.AppendFixed(v, "F3");
        return ok;
    }

    private static bool Unknown(SflowtoolEmitter e, string what, uint type)
    {
        e.Clear().Append(what).Append(" unknown_type ").Append(type).TextLine();
        return false;
    }
}
