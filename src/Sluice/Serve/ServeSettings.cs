using Microsoft.Extensions.Configuration;
using Sluice.Configuration;
using Sluice.Engine;
using Sluice.Engine.Enrichment.Snmp;
using Sluice.Engine.Forwarding;

namespace Sluice.Serve;

/// <summary>
/// What <c>sluice serve</c> reads from configuration, under sFlow-RT's property names (sflow-rt-api.md §7):
/// <c>http.*</c>, <c>sflow.*</c> (with Sluice's <c>sflow.allow</c>, the UDP sources accepted), <c>prometheus.*</c>, <c>forwarding.*</c>, plus <c>demo</c>, <c>events.max</c> (events kept for <c>/events/json</c>,
/// default 1000) and <c>topology.file</c> (where <c>PUT /topology/json</c> is kept, default <c>store/topology.json</c> under the
/// working directory, like sFlow-RT's <c>store/</c>; empty keeps it in memory only).
/// </summary>
internal sealed record ServeSettings
{
    public string HttpHostname { get; init; } = string.Empty;

    public int HttpPort { get; init; } = 8008;

    /// <summary><c>http.readonly=yes</c>: every write answers 403.</summary>
    public bool HttpReadonly { get; init; }

    /// <summary><c>sflow.file</c>: replay this capture instead of listening.</summary>
    public string? ReplayFile { get; init; }

    /// <summary><c>sflow.file.speed</c>: replay pace, 1 = as recorded, 0 = as fast as possible.</summary>
    public double ReplaySpeed { get; init; } = 1;

    /// <summary>Run the built-in demo agent fleet inside the process.</summary>
    public bool Demo { get; init; }

    /// <summary><c>geo.country</c>, <c>geo.asn</c>, <c>oui.names</c>: data files for the flow language's lookups.</summary>
    public string? GeoCountry { get; init; }

    public string? GeoAsn { get; init; }

    public string? OuiNames { get; init; }

    public string PrometheusPrefix { get; init; } = "sflow_";

    public bool PrometheusTypes { get; init; }

    public EngineOptions Engine { get; init; } = new();

    /// <summary>
    /// <c>forwarding.allow</c> (comma-separated prefixes; empty allows any), <c>forwarding.maxrate</c> (datagrams/s per
    /// session or tenant), <c>forwarding.maxsessions</c> and <c>tenant.maxtenants</c>.
    /// </summary>
    /// <exception cref="FormatException">An allow-list entry is not a prefix: better to refuse to start than to allow more than meant.</exception>
    private static ForwardingOptions Forwarding(IConfiguration configuration, ForwardingOptions defaults)
    {
        return defaults with
        {
            Allow = Prefixes(configuration, "forwarding:allow"),
            MaxDatagramsPerSecond = SflowRtProperties.ToInt(configuration["forwarding:maxrate"], defaults.MaxDatagramsPerSecond),
            MaxSessions = SflowRtProperties.ToInt(configuration["forwarding:maxsessions"], defaults.MaxSessions),
            MaxTenants = SflowRtProperties.ToInt(configuration["tenant:maxtenants"], defaults.MaxTenants),
        };
    }

    /// <summary>A comma-separated list of prefixes (<c>10.0.0.0/8,2001:db8::/32</c>); empty gives an empty list.</summary>
    /// <exception cref="FormatException">An entry is not a prefix: better to refuse to start than to allow more than meant.</exception>
    private static List<AddressBlock> Prefixes(IConfiguration configuration, string key)
    {
        var prefixes = new List<AddressBlock>();
        foreach (var entry in (configuration[key] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            prefixes.Add(AddressBlock.TryParse(entry, out var block) ? block : throw new FormatException($"{key.Replace(':', '.')}: '{entry}' is not an IP prefix"));
        }

        return prefixes;
    }

    /// <summary>
    /// <c>snmp.ifname</c>, <c>snmp.version</c> (2c or 3), <c>snmp.community</c>, the SNMPv3 user settings and <c>snmp.port</c>
    /// (a Sluice addition, default 161).
    /// </summary>
    /// <exception cref="FormatException">
    /// A version other than 2c or 3, SNMPv3 settings without <c>snmp.version=3</c>, or an SNMPv3 user that cannot work:
    /// asking with the wrong version or security would look like agents that never answer.
    /// </exception>
    private static SnmpOptions Snmp(IConfiguration configuration, SnmpOptions defaults)
    {
        var version = configuration["snmp:version"] ?? "2c";
        var v3 = version == "3";
        if (!v3 && !string.Equals(version, "2c", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"snmp.version={version}: only SNMP versions 2c and 3 are supported (SNMPv1 is not implemented)");
        }

        string? V3Setting(string name) => configuration["snmp:" + name] is { Length: > 0 } value
            ? (v3 ? value : throw new FormatException($"snmp.{name} is an SNMPv3 setting: set snmp.version=3 as well (2c uses snmp.community)"))
            : null;

        var user = V3Setting("user");
        var auth = V3Setting("authprotocol");
        var authPassword = V3Setting("authpasswd");
        var priv = V3Setting("privprotocol");
        var privPassword = V3Setting("privpasswd");
        return defaults with
        {
            Enabled = SflowRtProperties.IsYes(configuration["snmp:ifname"]),
            Community = configuration["snmp:community"] ?? defaults.Community,
            Port = SflowRtProperties.ToInt(configuration["snmp:port"], defaults.Port),
            User = v3
                ? new SnmpV3User(
                    user ?? throw new FormatException("snmp.version=3 needs snmp.user"),
                    SnmpAuth(auth, authPassword),
                    authPassword ?? string.Empty,
                    SnmpPriv(priv, privPassword),
                    privPassword ?? string.Empty).Validated()
                : null,
        };
    }

    /// <summary><c>snmp.authprotocol</c>: MD5 or SHA; with only a password given, sFlow-RT's default MD5.</summary>
    private static SnmpAuthProtocol SnmpAuth(string? protocol, string? password) => protocol?.ToUpperInvariant() switch
    {
        null => password is null ? SnmpAuthProtocol.None : SnmpAuthProtocol.Md5,
        "MD5" => SnmpAuthProtocol.Md5,
        "SHA" or "SHA1" or "SHA-1" => SnmpAuthProtocol.Sha,
        _ => throw new FormatException($"snmp.authprotocol={protocol}: expected MD5 or SHA"),
    };

    /// <summary><c>snmp.privprotocol</c>: DES or AES (AES-128); with only a password given, DES as net-snmp defaults to.</summary>
    private static SnmpPrivProtocol SnmpPriv(string? protocol, string? password) => protocol?.ToUpperInvariant() switch
    {
        null => password is null ? SnmpPrivProtocol.None : SnmpPrivProtocol.Des,
        "DES" => SnmpPrivProtocol.Des,
        "AES" or "AES128" or "AES-128" => SnmpPrivProtocol.Aes,
        _ => throw new FormatException($"snmp.privprotocol={protocol}: expected DES or AES"),
    };

    /// <summary>
    /// The default topology file sits with the other REST definitions in <c>store.dir</c>'s <c>definitions</c> folder:
    /// <c>store/topology.json</c> itself is where an app named <c>topology</c> (InMon's is one) keeps its storeSet values.
    /// </summary>
    private static string? TopologyFile(string? configured, string? storeDirectory) => configured switch
    {
        null => Path.Combine(Path.GetFullPath(storeDirectory ?? "store"), "definitions", "topology.json"),
        "" => null,
        _ => Path.GetFullPath(configured),
    };

    public static ServeSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new EngineOptions();
        return new ServeSettings
        {
            HttpHostname = configuration["http:hostname"] ?? string.Empty,
            HttpPort = SflowRtProperties.ToInt(configuration["http:port"], 8008),
            HttpReadonly = SflowRtProperties.IsYes(configuration["http:readonly"]),
            ReplayFile = configuration["sflow:file"],
            ReplaySpeed = double.TryParse(configuration["sflow:file:speed"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var speed) ? speed : 1,
            Demo = SflowRtProperties.IsYes(configuration["demo"]),
            GeoCountry = configuration["geo:country"],
            GeoAsn = configuration["geo:asn"],
            OuiNames = configuration["oui:names"],
            PrometheusPrefix = configuration["prometheus:metric:prefix"] ?? "sflow_",
            PrometheusTypes = SflowRtProperties.IsYes(configuration["prometheus:type"]),
            Engine = defaults with
            {
                SflowHostname = configuration["sflow:hostname"] ?? string.Empty,
                SflowPort = SflowRtProperties.ToInt(configuration["sflow:port"], defaults.SflowPort),
                AllowedSources = Prefixes(configuration, "sflow:allow"),
                ReceiveBufferBytes = SflowRtProperties.ToInt(configuration["sflow:rcvpktsbuffer"], defaults.ReceiveBufferBytes),
                Shards = SflowRtProperties.ToInt(configuration["sflow:workers"], defaults.Shards),
                QueueBytes = SflowRtProperties.ToInt(configuration["sflow:queuebytes"], defaults.QueueBytes),
                MaxFlowDefinitions = Math.Max(1, SflowRtProperties.ToInt(configuration["flow:maxdefinitions"], defaults.MaxFlowDefinitions)),
                EventLogCapacity = Math.Max(1, SflowRtProperties.ToInt(configuration["events:max"], defaults.EventLogCapacity)),
                Forwarding = Forwarding(configuration, defaults.Forwarding),
                TopologyFile = TopologyFile(configuration["topology:file"], configuration["store:dir"]),
                Snmp = Snmp(configuration, defaults.Snmp),
            },
        };
    }
}
