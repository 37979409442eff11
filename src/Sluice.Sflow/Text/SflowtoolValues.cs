using System.Globalization;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>sflowtool's value spellings (sflowtool.md §3.1 value-formatting table).</summary>
internal static class SflowtoolValues
{
    public const string HexLower = "0123456789abcdef";
    public const string HexUpper = "0123456789ABCDEF";

    /// <summary>Dotted quad, or 8 groups of 4 lower-case hex digits with no zero compression, or <c>-</c>.</summary>
    public static bool TryFormatAddress(in SflowAddress address, Span<char> destination, out int written)
    {
        var bytes = address.Bytes;
        return bytes.Length switch
        {
            4 => TryFormatIPv4(bytes, destination, out written),
            16 => TryFormatIPv6(bytes, destination, out written),
            _ => TryCopy("-", destination, out written),
        };
    }

    public static bool TryFormatIPv4(ReadOnlySpan<byte> b, Span<char> destination, out int written) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{b[0]}.{b[1]}.{b[2]}.{b[3]}", out written);

    public static bool TryFormatIPv6(ReadOnlySpan<byte> b, Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 39)
        {
            return false;
        }

        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                destination[written++] = ':';
            }

            destination[written++] = HexLower[b[i] >> 4];
            destination[written++] = HexLower[b[i] & 0xF];
        }

        return true;
    }

    /// <summary>The local time as sflowtool's <c>%Y-%m-%dT%H:%M:%S%z</c>.</summary>
    // Consecutive datagrams mostly share their second: keep the last rendering (per thread, no locking).
    [ThreadStatic]
    private static (long Seconds, TimeSpan Offset, string Text)? _lastTimestamp;

    public static string FormatTimestamp(long seconds, TimeSpan offset)
    {
        if (_lastTimestamp is { } last && last.Seconds == seconds && last.Offset == offset)
        {
            return last.Text;
        }

        var text = FormatTimestampUncached(seconds, offset);
        _lastTimestamp = (seconds, offset, text);
        return text;
    }

    private static string FormatTimestampUncached(long seconds, TimeSpan offset)
    {
        var local = DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset);
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{local:yyyy-MM-dd'T'HH:mm:ss}{sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static bool TryCopy(string text, Span<char> destination, out int written)
    {
        written = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }
}
