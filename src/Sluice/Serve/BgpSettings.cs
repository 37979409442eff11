using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Sluice.Configuration;
using Sluice.Engine.Bgp;

namespace Sluice.Serve;

/// <summary>
/// The BGP speaker's properties: sFlow-RT's <c>bgp.start</c> and <c>bgp.port</c>, and Sluice's own for neighbors that
/// need no script: <c>bgp.neighbors=127.0.0.2,127.0.0.3</c> with <c>bgp.as</c>, <c>bgp.id</c>, the families
/// <c>bgp.ipv4</c>, <c>bgp.ipv6</c>, <c>bgp.flowspec</c>, <c>bgp.flowspec6</c> (all yes by default), <c>bgp.holdtime</c>,
/// <c>bgp.connect</c> (a port to connect to as well as listen), <c>bgp.hostname</c>, <c>bgp.maxflows</c>, <c>bgp.maxroutes</c>, <c>bgp.maxlearned</c> (Sluice: routes kept per neighbor),
/// <c>bgp.password</c> (TCP MD5 key for those neighbors, Linux only).
/// </summary>
internal sealed record BgpSettings
{
    public BgpServiceOptions Service { get; init; } = new();

    public IReadOnlyList<BgpNeighborOptions> Neighbors { get; init; } = [];

    /// <exception cref="FormatException">An address or number does not parse; the message names the property.</exception>
    public static BgpSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new BgpServiceOptions();
        var holdTime = (ushort)Math.Clamp(SflowRtProperties.ToInt(configuration["bgp:holdtime"], defaults.HoldTimeSeconds), 0, ushort.MaxValue);
        var service = defaults with
        {
            // The DDoS protection needs its routers to connect, so it opens the listener unless told not to.
            Listen = configuration["bgp:start"] is { } start ? SflowRtProperties.IsYes(start) : SflowRtProperties.IsYes(configuration["ddos_protect:enable"]),
            Port = SflowRtProperties.ToInt(configuration["bgp:port"], defaults.Port),
            ListenAddress = Address(configuration, "bgp:hostname"),
            RouterId = Address(configuration, "bgp:id"),
            HoldTimeSeconds = holdTime,
            MaxFlowsPerNeighbor = SflowRtProperties.ToInt(configuration["bgp:maxflows"], defaults.MaxFlowsPerNeighbor),
            MaxRoutesPerNeighbor = SflowRtProperties.ToInt(configuration["bgp:maxroutes"], defaults.MaxRoutesPerNeighbor),
            MaxLearnedPrefixesPerNeighbor = SflowRtProperties.ToInt(configuration["bgp:maxlearned"], defaults.MaxLearnedPrefixesPerNeighbor),
        };
        var neighbors = new List<BgpNeighborOptions>();
        var localAs = uint.TryParse(configuration["bgp:as"], NumberStyles.None, CultureInfo.InvariantCulture, out var asNumber) ? asNumber : 65000;
        var connect = SflowRtProperties.ToInt(configuration["bgp:connect"], 0);
        foreach (var text in (configuration["bgp:neighbors"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            neighbors.Add(new BgpNeighborOptions
            {
                Address = IPAddress.TryParse(text, out var address) ? address : throw new FormatException($"bgp.neighbors: '{text}' is not an address"),
                LocalAs = localAs,
                IPv4Unicast = Flag(configuration, "bgp:ipv4"),
                IPv6Unicast = Flag(configuration, "bgp:ipv6"),
                FlowSpec = Flag(configuration, "bgp:flowspec"),
                FlowSpec6 = Flag(configuration, "bgp:flowspec6"),
                ConnectPort = connect > 0 ? connect : null,
                Md5Password = configuration["bgp:password"],
            });
        }

        return new BgpSettings { Service = service, Neighbors = neighbors };
    }

    private static bool Flag(IConfiguration configuration, string key) => configuration[key] is not { } value || SflowRtProperties.IsYes(value);

    private static IPAddress? Address(IConfiguration configuration, string key) =>
        configuration[key] is not { Length: > 0 } text ? null
        : IPAddress.TryParse(text, out var address) ? address
        : throw new FormatException($"{key.Replace(':', '.')}: '{text}' is not an address");
}
