using System.Globalization;
using System.Text;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// Vendor names from the IEEE registry as Debian's <c>ieee-data</c> installs it: <c>oui.csv</c> (MA-L, 24-bit),
/// <c>mam.csv</c> (MA-M, 28-bit), <c>oui36.csv</c> (MA-S, 36-bit) and <c>iab.csv</c> (IAB, 36-bit); an sFlow-RT
/// style <c>oui.txt</c> (<c>00-00-0C (hex) Name</c> lines) is read too. The longest registered prefix wins.
/// </summary>
/// <remarks>A missing or unreadable file gives an empty table and a message, never an exception.</remarks>
public sealed class OuiTable : IOuiNames
{
    private static readonly string[] _registryFiles = ["oui.csv", "mam.csv", "oui36.csv", "iab.csv"];
    private static readonly int[] _prefixBitsLongestFirst = [36, 28, 24];

    // Key: prefix length in the top 16 bits, prefix value below, so blocks of different sizes never collide.
    private readonly Dictionary<ulong, string> _names;

    private OuiTable(Dictionary<ulong, string> names) => _names = names;

    /// <summary>A table with no names.</summary>
    public static OuiTable Empty { get; } = new([]);

    /// <summary>Number of registered blocks.</summary>
    public int Count => _names.Count;

    /// <summary>
    /// Loads a directory of registry files or one file. A missing path or bad file is reported through
    /// <paramref name="log"/> and yields what could be read (possibly an empty table).
    /// </summary>
    public static OuiTable Load(string? path, Action<string>? log = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            log?.Invoke("OUI registry not found: oui: answers unknown (install Debian ieee-data or set -Doui.names=PATH)");
            return Empty;
        }
        var files = Directory.Exists(path)
            ? _registryFiles.Select(f => Path.Combine(path, f)).Where(File.Exists).ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
        {
            log?.Invoke($"OUI registry not found at {path}: oui: answers unknown (install Debian ieee-data or set -Doui.names=PATH)");
            return Empty;
        }
        var names = new Dictionary<ulong, string>();
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    LoadCsv(File.ReadAllText(file, Encoding.UTF8), names, shared);
                }
                else
                {
                    LoadTxt(File.ReadLines(file, Encoding.UTF8), names, shared);
                }
            }
            catch (IOException e)
            {
                log?.Invoke($"OUI registry {file} unreadable: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                log?.Invoke($"OUI registry {file} unreadable: {e.Message}");
            }
        }
        return new OuiTable(names);
    }

    /// <inheritdoc />
    public bool TryGetName(ReadOnlySpan<byte> mac, out string name)
    {
        if (mac.Length != 6 || _names.Count == 0)
        {
            name = "";
            return false;
        }
        ulong value = 0;
        foreach (var b in mac)
        {
            value = value << 8 | b;
        }
        foreach (var bits in _prefixBitsLongestFirst)
        {
            if (_names.TryGetValue(Key(bits, value >> (48 - bits)), out var found))
            {
                name = found;
                return true;
            }
        }
        name = "";
        return false;
    }

    private static ulong Key(int bits, ulong prefix) => (ulong)bits << 48 | prefix;

    private static void Add(ReadOnlySpan<char> hex, string name, Dictionary<ulong, string> names, Dictionary<string, string> shared)
    {
        var bits = hex.Length * 4;
        if (bits is not (24 or 28 or 36) || name.Length == 0
            || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var prefix))
        {
            return;
        }
        // Many blocks share a vendor ("Cisco Systems, Inc" holds hundreds): keep one string each.
        if (!shared.TryGetValue(name, out var interned))
        {
            shared.Add(name, name);
            interned = name;
        }
        names[Key(bits, prefix)] = interned;
    }

    private static void LoadTxt(IEnumerable<string> lines, Dictionary<ulong, string> names, Dictionary<string, string> shared)
    {
        foreach (var line in lines)
        {
            var marker = line.IndexOf("(hex)", StringComparison.Ordinal);
            if (marker < 0)
            {
                continue;
            }
            var hex = line.AsSpan(0, marker).Trim().ToString().Replace("-", "", StringComparison.Ordinal);
            Add(hex, line[(marker + 5)..].Trim(), names, shared);
        }
    }

    // CSV with quoted fields that may hold commas, doubled quotes and line breaks (the address column does).
    private static void LoadCsv(string text, Dictionary<ulong, string> names, Dictionary<string, string> shared)
    {
        var fields = new List<string>(4);
        var field = new StringBuilder();
        var quoted = false;
        var first = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    // Header row: Registry,Assignment,Organization Name,Organization Address
                    if (!first && fields.Count >= 3)
                    {
                        Add(fields[1].AsSpan().Trim(), fields[2].Trim(), names, shared);
                    }
                    first = false;
                    fields.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
    }
}
