using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sluice.Scripting.Api;

/// <summary>
/// An RFC 5424 syslog message for <c>syslog(host, port, facility, severity, message)</c>. An object message goes out
/// twice over: each field as a structured-data parameter (<c>[sflow@32473 field="value" ...]</c>, what log tools index
/// without parsing) and the whole object as JSON in MSG; a string message is MSG alone.
/// </summary>
internal static class SyslogMessage
{
    /// <summary>The SD-ID: sFlow-RT's name with the IANA example enterprise number (RFC 5424 §7.2.2).</summary>
    public const string StructuredDataId = "sflow@32473";

    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] Severities = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>A facility (0-23) or severity (0-7) given as a number or a name (<c>local0</c>, <c>notice</c>, <c>warn</c>, <c>error</c>).</summary>
    /// <exception cref="FormatException">Neither a number in range nor a known name.</exception>
    public static int Code(string text, bool facility)
    {
        var names = facility ? Facilities : Severities;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0 && number < names.Length)
        {
            return number;
        }

        var name = text.Trim().ToLowerInvariant() switch
        {
            "warn" => "warning",
            "error" => "err",
            "emergency" => "emerg",
            "critical" => "crit",
            "information" or "informational" => "info",
            "security" => "auth",
            var other => other,
        };
        var index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new FormatException($"syslog: unknown {(facility ? "facility" : "severity")} '{text}'");
    }

    /// <param name="json">The message as JSON (an object gives structured data), or null for a plain <paramref name="text"/>.</param>
    public static string Format(int facility, int severity, DateTimeOffset time, string hostname, string appName, string msgId, string? json, string text)
    {
        var line = new StringBuilder(256);
        line.Append('<').Append((facility * 8) + severity).Append(">1 ")
            .Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(' ')
            .Append(Field(hostname, 255)).Append(' ')
            .Append(Field(appName, 48)).Append(' ')
            .Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Field(msgId, 32)).Append(' ');
        using var document = json is null ? null : JsonDocument.Parse(json);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
        {
            line.Append('[').Append(StructuredDataId);
            foreach (var property in root.EnumerateObject())
            {
                var name = Field(property.Name.Replace("=", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal), 32);
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                line.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
            }

            line.Append("] ").Append(root.GetRawText());
        }
        else
        {
            line.Append("- ").Append(text);
        }

        return line.ToString();
    }

    /// <summary>A header field: printable US-ASCII without spaces, at most <paramref name="max"/> characters, <c>-</c> when empty.</summary>
    private static string Field(string value, int max)
    {
        var clean = string.Concat(value.Where(c => c is > ' ' and <= '~'));
        return clean.Length == 0 ? "-" : clean[..Math.Min(clean.Length, max)];
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
