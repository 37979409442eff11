using System.Globalization;

namespace Sluice.Configuration;

/// <summary>
/// sFlow-RT's system properties (<c>-Dhttp.port=8008</c>, and files named by <c>-Dsystem.propertyFiles</c>)
/// turned into configuration keys: each dot becomes a section separator, so <c>http.port</c> is <c>http:port</c>,
/// the same key <c>SLUICE_http__port</c> or appsettings.json <c>{"http":{"port":8008}}</c> set.
/// </summary>
internal static class SflowRtProperties
{
    /// <summary>Splits <paramref name="args"/> into the <c>-D</c> properties (as configuration keys) and everything else.</summary>
    public static (Dictionary<string, string?> Properties, List<string> Others) Parse(IEnumerable<string> args)
    {
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        foreach (var arg in args)
        {
            if (arg.StartsWith("-D", StringComparison.Ordinal) && arg.Length > 2)
            {
                var (name, value) = Split(arg[2..]);
                properties[Key(name)] = value;
            }
            else
            {
                rest.Add(arg);
            }
        }

        if (properties.TryGetValue(Key("system.propertyFiles"), out var files) && !string.IsNullOrEmpty(files))
        {
            foreach (var file in files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var (name, value) in ReadFile(file))
                {
                    // Command-line properties win over the files.
                    properties.TryAdd(Key(name), value);
                }
            }
        }

        return (properties, rest);
    }

    /// <summary>A Java-style properties file: <c>name=value</c> lines, <c>#</c> and <c>!</c> comments.</summary>
    public static IEnumerable<(string Name, string Value)> ReadFile(string path)
    {
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            yield return Split(line);
        }
    }

    /// <summary>The configuration key of a property name: <c>sflow.rcvpktsbuffer</c> → <c>sflow:rcvpktsbuffer</c>.</summary>
    public static string Key(string name) => name.Trim().Replace('.', ':');

    /// <summary>sFlow-RT booleans are <c>yes</c>/<c>no</c>; <c>true</c>/<c>false</c> and 1/0 are accepted too.</summary>
    public static bool IsYes(string? value) =>
        value is not null && (value.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value == "1");

    public static int ToInt(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    private static (string Name, string Value) Split(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text.Trim(), "yes") : (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }
}
