namespace Sluice.Engine.Enrichment;

/// <summary>
/// Finds the enrichment data installed at build time (<c>npm ci --prefix data</c>, Debian <c>ieee-data</c>);
/// nothing is downloaded at run time.
/// </summary>
/// <remarks>
/// Search order for each file: the explicit property (<c>-Dgeo.country=PATH</c>, <c>-Dgeo.asn=PATH</c>,
/// <c>-Doui.names=PATH</c>), then the <c>SLUICE_DATA</c> directory (the repository's <c>data</c> folder or a copy of
/// it), then a <c>data/node_modules</c> found by walking up from the executable's directory and from the current
/// directory (this covers both a repository checkout and a published folder with <c>data/</c> beside the binary).
/// The OUI registry falls back to <c>/usr/share/ieee-data</c>.
/// </remarks>
public static class EnrichmentFiles
{
    /// <summary>sFlow-RT's property naming the country database.</summary>
    public const string CountryProperty = "geo.country";

    /// <summary>sFlow-RT's property naming the ASN database; here a directory or one of the ASN CSV files.</summary>
    public const string AsnProperty = "geo.asn";

    /// <summary>Sluice's property naming the IEEE registry file or directory.</summary>
    public const string OuiProperty = "oui.names";

    /// <summary>Environment variable naming the data directory (the one holding <c>node_modules</c>).</summary>
    public const string DataEnvironmentVariable = "SLUICE_DATA";

    /// <summary>The country database below the data directory.</summary>
    public static readonly string CountryRelativePath =
        Path.Combine("node_modules", "@ip-location-db", "dbip-country-mmdb", "dbip-country.mmdb");

    /// <summary>The ASN package directory below the data directory.</summary>
    public static readonly string AsnRelativeDirectory = Path.Combine("node_modules", "@ip-location-db", "asn");

    /// <summary>Where Debian's <c>ieee-data</c> package puts the registry.</summary>
    public const string DebianIeeeDataDirectory = "/usr/share/ieee-data";

    /// <summary>Attribution that must be shown wherever country or ASN results are shown (CC BY 4.0).</summary>
    public const string Attribution =
        "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0; IP to ASN data by RouteViews (https://www.routeviews.org), NRO (https://www.nro.net) and DB-IP, CC BY 4.0";

    /// <summary>
    /// Resolves the paths from the properties (null when not set), <c>SLUICE_DATA</c> and the default locations.
    /// </summary>
    public static EnrichmentPaths Locate(string? countryProperty = null, string? asnProperty = null, string? ouiProperty = null) =>
        Locate(countryProperty, asnProperty, ouiProperty, Environment.GetEnvironmentVariable(DataEnvironmentVariable),
            [AppContext.BaseDirectory, Directory.GetCurrentDirectory()], DebianIeeeDataDirectory);

    internal static EnrichmentPaths Locate(string? countryProperty, string? asnProperty, string? ouiProperty,
        string? dataDirectory, IReadOnlyList<string> searchRoots, string? ieeeDataDirectory)
    {
        var dataDirectories = new List<string>();
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectories.Add(dataDirectory);
        }
        foreach (var root in searchRoots)
        {
            // Walk up so tests in bin/Debug/net10.0 and a published folder with data/ beside it both find it.
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, "node_modules", "@ip-location-db")))
                {
                    dataDirectories.Add(candidate);
                    break;
                }
            }
        }

        var country = FirstFile(countryProperty, dataDirectories, CountryRelativePath);
        var (asn4, asn6) = LocateAsn(asnProperty, dataDirectories);
        var oui = ExistingPath(ouiProperty)
            ?? FirstExisting(dataDirectories.Select(d => Path.Combine(d, "ieee-data")))
            ?? ExistingPath(ieeeDataDirectory);
        return new EnrichmentPaths(country, asn4, asn6, oui);
    }

    private static string? FirstFile(string? property, List<string> dataDirectories, string relativePath) =>
        !string.IsNullOrWhiteSpace(property)
            ? (File.Exists(property) ? property : null) // an explicit but wrong path is not silently replaced
            : FirstExisting(dataDirectories.Select(d => Path.Combine(d, relativePath)));

    private static (string? V4, string? V6) LocateAsn(string? property, List<string> dataDirectories)
    {
        if (!string.IsNullOrWhiteSpace(property))
        {
            if (Directory.Exists(property))
            {
                return (AsnFile(property, "ipv4"), AsnFile(property, "ipv6"));
            }
            if (!File.Exists(property))
            {
                return (null, null);
            }
            if (AsnRangeLookup.IsDatabase(property))
            {
                // A MaxMind-format database (GeoLite2-ASN) holds both families.
                return (property, null);
            }
            // One file named: its sibling for the other family is used when present.
            var name = Path.GetFileName(property);
            var dir = Path.GetDirectoryName(Path.GetFullPath(property))!;
            return name.Contains("ipv6", StringComparison.OrdinalIgnoreCase)
                ? (ExistingPath(Path.Combine(dir, name.Replace("ipv6", "ipv4", StringComparison.OrdinalIgnoreCase))), property)
                : (property, ExistingPath(Path.Combine(dir, name.Replace("ipv4", "ipv6", StringComparison.OrdinalIgnoreCase))));
        }
        foreach (var data in dataDirectories)
        {
            var dir = Path.Combine(data, AsnRelativeDirectory);
            var v4 = AsnFile(dir, "ipv4");
            var v6 = AsnFile(dir, "ipv6");
            if (v4 is not null || v6 is not null)
            {
                return (v4, v6);
            }
        }
        return (null, null);
    }

    // The numeric files parse faster than the dotted ones; both formats are accepted.
    private static string? AsnFile(string dir, string family) =>
        ExistingPath(Path.Combine(dir, $"asn-{family}-num.csv")) ?? ExistingPath(Path.Combine(dir, $"asn-{family}.csv"));

    private static string? FirstExisting(IEnumerable<string> paths) => paths.FirstOrDefault(p => ExistingPath(p) is not null);

    private static string? ExistingPath(string? path) =>
        !string.IsNullOrWhiteSpace(path) && (File.Exists(path) || Directory.Exists(path)) ? path : null;
}
