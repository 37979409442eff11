namespace Sluice.Tests.Deploy;

/// <summary>
/// A systemd unit file read as sections of keys (a key may repeat, e.g. <c>Environment=</c>), and the keys a
/// unit may use, for machines without <c>systemd-analyze</c>.
/// </summary>
internal static class SystemdUnit
{
    private static readonly Dictionary<string, HashSet<string>> KnownKeys = new(StringComparer.Ordinal)
    {
        ["Unit"] = new(StringComparer.Ordinal) { "Description", "Documentation", "Wants", "Requires", "After", "Before" },
        ["Service"] = new(StringComparer.Ordinal)
        {
            "Type", "User", "Group", "DynamicUser", "StateDirectory", "WorkingDirectory", "Environment", "ExecStart", "Restart",
            "RestartSec", "NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp",
        },
        ["Install"] = new(StringComparer.Ordinal) { "WantedBy", "RequiredBy", "Alias" },
    };

    public static Dictionary<string, Dictionary<string, List<string>>> Parse(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                sections.Add(line[1..^1], current);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
            {
                throw new FormatException($"not a unit line: '{raw}'");
            }

            var key = line[..equals].Trim();
            if (!current.TryGetValue(key, out var values))
            {
                values = [];
                current.Add(key, values);
            }

            values.Add(line[(equals + 1)..].Trim());
        }

        return sections;
    }

    /// <summary>Keys this list does not know, as systemd-analyze would word them.</summary>
    public static IEnumerable<string> UnknownKeys(Dictionary<string, Dictionary<string, List<string>>> sections) =>
        from section in sections
        from key in section.Value.Keys
        where !KnownKeys.TryGetValue(section.Key, out var known) || !known.Contains(key)
        select $"Unknown key '{key}' in section [{section.Key}]";
}
