using System.Buffers.Binary;
using Sluice.Sflow.Datagrams;

namespace Sluice.Sflow.Text;

/// <summary>
/// Formats one sFlow datagram the way sflowtool 6.11 prints it (sflowtool.md §3), into any
/// <see cref="SflowtoolOutput"/>: <see cref="SflowtoolTextWriter"/> for the default and <c>-g</c> text,
/// <see cref="SflowtoolJsonWriter"/> for <c>-j</c>/<c>-J</c>. Decode errors end the datagram like sflowtool's
/// exceptions, with the same messages on <see cref="SflowtoolOutput.Errors"/>.
/// </summary>
public static class SflowtoolFormatter
{
    public static SflowDecodeResult Format(ReadOnlySpan<byte> datagram, in SflowtoolContext context, SflowtoolOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var e = output.Emitter;
        e.SamplePrefix = string.Empty;
        e.RecordPrefix = string.Empty;
        var time = SflowtoolValues.FormatTimestamp(context.PcapSeconds != 0 ? context.PcapSeconds : context.ReceiveSeconds, context.UtcOffset);
        output.Context.ResetDatagram(time);
        output.StartDatagram();
        e.Clear().AppendAddress(context.SourceAddress).Emit("datagramSourceIP");
        e.Field("datagramSize", (ulong)datagram.Length);
        e.Field("unixSecondsUTC", (uint)context.ReceiveSeconds);
        e.Field("unixSecondsUTC_uS", (uint)context.ReceiveMicroseconds);
        e.Field("localtime", SflowtoolValues.FormatTimestamp(context.ReceiveSeconds, context.UtcOffset));
        if (context.PcapSeconds != 0)
        {
            e.Field("pcapTimestamp", time);
            e.Field("pcapTimestamp_uS", (uint)context.PcapMicroseconds);
        }

        SflowDecodeResult result;
        if (datagram.Length < 4)
        {
            result = new SflowDecodeResult { Error = new SflowDecodeError { Kind = SflowDecodeErrorKind.Truncated, SampleIndex = -1, RecordIndex = -1 } };
            output.Errors.Write("caught exception: 1\n");
        }
        else
        {
            e.Field("datagramVersion", BinaryPrimitives.ReadUInt32BigEndian(datagram));
            var visitor = new SflowtoolVisitor(e);
            result = SflowDecoder.Decode(datagram, ref visitor);
            if (result.IsSuccess)
            {
                output.EndArray(); // samples
            }
            else
            {
                ReportError(datagram, context, output, ref visitor, result.Error);
            }
        }

        output.EndDatagram();
        output.Flush();
        return result;
    }

    private static void ReportError(
        ReadOnlySpan<byte> datagram,
        in SflowtoolContext context,
        SflowtoolOutput output,
        ref SflowtoolVisitor visitor,
        in SflowDecodeError error)
    {
        var errors = output.Errors;
        if (error.Kind == SflowDecodeErrorKind.StoppedByVisitor || visitor.PendingException != 0)
        {
            errors.Write($"caught exception: {Math.Max(visitor.PendingException, 1)}\n");
            return;
        }

        switch (error.Kind)
        {
            case SflowDecodeErrorKind.UnsupportedVersion:
                errors.Write($"unexpected datagram version number\n (source IP = {Address(context)})\n");
                HexDump(errors, datagram, 4);
                errors.Write("caught exception: 2\n");
                return;
            case SflowDecodeErrorKind.BadAddressType:
                errors.Write($"unknown address type = {SflowtoolVisitor.ReadWord(datagram, 4)}\n");
                errors.Write("caught exception: 1\n");
                return;
            case SflowDecodeErrorKind.UnknownLegacyType:
                errors.Write($"unexpected sample type (source IP = {Address(context)})\n");
                HexDump(errors, datagram, error.Offset);
                errors.Write("caught exception: 2\n");
                return;
        }

        if (!visitor.HeaderPrinted || error.SampleIndex < 0)
        {
            errors.Write("caught exception: 1\n");
            return;
        }

        if (error.SampleIndex > visitor.SampleIndex || visitor.SampleDone)
        {
            if (error.InSampleHeader)
            {
                // sflowtool prints the sample's tag and type before it reads the fields that were cut off.
                visitor.StartCutShortSample(error.SampleTag);
            }

            // The sample loop found no bytes for the next sample, or its fixed fields were cut short.
            if (error.Offset >= datagram.Length && error.RecordIndex < 0)
            {
                SflowDatagramHeaderCount(datagram, out var count);
                errors.Write($"unexpected end of datagram after sample {error.SampleIndex} of {count}\n");
            }

            errors.Write("caught exception: 1\n");
            return;
        }

        var kind = SampleTags.KindOf(error.SampleTag);
        var sampleName = kind switch
        {
            SampleKind.Counters => "counters_sample",
            SampleKind.Discard => "discard_sample",
            _ => "flow_sample",
        };

        if (error.RecordIndex >= 0 && error.RecordIndex >= visitor.RecordsInSample && error.Offset >= 8
            && SflowtoolVisitor.ReadWord(datagram, error.Offset - 8) == error.RecordTag.Value)
        {
            // The record overran its sample: sflowtool still decodes it from the bytes that follow.
            var length = SflowtoolVisitor.ReadWord(datagram, error.Offset - 4);
            var available = datagram.Length - error.Offset;
            var fits = length <= (uint)available;
            var body = datagram.Slice(error.Offset, fits ? (int)length : available);
            var version = SflowDatagramVersion(datagram);
            var printed = visitor.PrintRecord(kind, error.RecordTag, body, version, length);
            if (!fits || !printed.IsSuccess)
            {
                errors.Write("caught exception: 1\n");
                return;
            }
        }

        if (error.Kind == SflowDecodeErrorKind.LengthMismatch)
        {
            errors.Write($"{sampleName} length error (expected {error.Expected}, found {error.Found})\n");
            errors.Write("caught exception: 3\n");
            return;
        }

        errors.Write("caught exception: 1\n");
    }

    private static string Address(in SflowtoolContext context)
    {
        Span<char> buffer = stackalloc char[48];
        SflowtoolValues.TryFormatAddress(context.SourceAddress, buffer, out var written);
        return buffer[..written].ToString();
    }

    private static uint SflowDatagramVersion(ReadOnlySpan<byte> datagram) => SflowtoolVisitor.ReadWord(datagram, 0);

    private static void SflowDatagramHeaderCount(ReadOnlySpan<byte> datagram, out uint count)
    {
        count = 0;
        if (SflowDecoder.TryReadHeader(datagram, out var header))
        {
            count = header.SampleCount;
        }
    }

    // sflowtool's hex dump: 16 bytes a line, lower-case, '-' separated, "-<*>-" where decoding stopped.
    private static void HexDump(TextWriter errors, ReadOnlySpan<byte> data, int mark)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < data.Length;)
        {
            line.Clear();
            var toEol = Math.Min(16, data.Length - i);
            var toMark = mark - i;
            if (toMark >= 0 && toMark < toEol)
            {
                Hex(line, data.Slice(i, toMark));
                i += toMark;
                line.Append("-<*>-");
                toEol -= toMark;
            }

            Hex(line, data.Slice(i, toEol));
            i += toEol;
            errors.Write(line.Append('\n').ToString());
        }
    }

    private static void Hex(System.Text.StringBuilder line, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                line.Append('-');
            }

            line.Append(SflowtoolValues.HexLower[bytes[i] >> 4]).Append(SflowtoolValues.HexLower[bytes[i] & 0xF]);
        }
    }
}
