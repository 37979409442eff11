using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp;

/// <summary>
/// A unicast route to announce, e.g. for remote-triggered black hole (RFC 7999): sFlow-RT's <c>bgpAddRoute</c> and
/// <c>/bgp/routepusher</c> Route object (sflow-rt-api.md §1.8, §8.2).
/// </summary>
public sealed record BgpRoute
{
    public const byte OriginIgp = 0;
    public const byte OriginEgp = 1;
    public const byte OriginIncomplete = 2;

    public required IPNetwork Prefix { get; init; }

    public required IPAddress NextHop { get; init; }

    /// <summary>An IPv6 route's link-local next hop, sent beside the global one (RFC 2545 §3).</summary>
    public IPAddress? NextHopLinkLocal { get; init; }

    /// <summary>AS numbers to put after this speaker's own (which eBGP adds first).</summary>
    public IReadOnlyList<uint> AsPath { get; init; } = [];

    public byte Origin { get; init; } = OriginIgp;

    /// <summary>LOCAL_PREF; sent to internal peers only (RFC 4271 §5.1.5), 100 when not given.</summary>
    public uint? LocalPref { get; init; }

    public uint? Med { get; init; }

    public BgpCommunities Communities { get; init; } = BgpCommunities.None;

    public bool IsIPv6 => Prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    public BgpFamily Family => IsIPv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast;

    /// <summary>The fields as given, for listings.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Reads the Route fields: <c>nexthop</c> (required), <c>nexthoplinklocal</c>, <c>aspath</c> (<c>1-2-3</c>),
    /// <c>origin</c> (IGP, EGP, INCOMPLETE), <c>localpref</c>, <c>med</c>, <c>communities</c>.
    /// </summary>
    /// <exception cref="FormatException">A missing or bad field; the message names it.</exception>
    public static BgpRoute Parse(string prefix, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(fields);
        var network = Field("prefix", () => BgpPrefixes.Parse(prefix));
        var ipv6 = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        IPAddress? nextHop = null;
        IPAddress? linkLocal = null;
        var asPath = new List<uint>();
        var origin = OriginIgp;
        uint? localPref = null;
        uint? med = null;
        var communities = BgpCommunities.None;
        foreach (var (key, value) in fields)
        {
            switch (key.ToLowerInvariant())
            {
                case "nexthop":
                    nextHop = Address(key, value, ipv6);
                    break;
                case "nexthoplinklocal":
                    linkLocal = string.IsNullOrWhiteSpace(value) ? null : Address(key, value, ipv6: true);
                    break;
                case "aspath":
                    foreach (var hop in value.Split(['-', ' ', ','], StringSplitOptions.RemoveEmptyEntries))
                    {
                        asPath.Add(Number(key, hop));
                    }

                    break;
                case "origin":
                    origin = value.Trim().ToUpperInvariant() switch
                    {
                        "IGP" or "0" => OriginIgp,
                        "EGP" or "1" => OriginEgp,
                        "INCOMPLETE" or "?" or "2" => OriginIncomplete,
                        _ => throw new FormatException($"origin: '{value}' is none of IGP, EGP, INCOMPLETE"),
                    };
                    break;
                case "localpref":
                    localPref = Number(key, value);
                    break;
                case "med":
                    med = Number(key, value);
                    break;
                case "communities":
                    communities = Field(key, () => BgpCommunities.Parse(value));
                    break;
                case "prefix":
                    break;
                default:
                    throw new FormatException($"route: unknown field '{key}'");
            }
        }

        return new BgpRoute
        {
            Prefix = network,
            NextHop = nextHop ?? throw new FormatException("nexthop: required"),
            NextHopLinkLocal = ipv6 ? linkLocal : null,
            AsPath = asPath,
            Origin = origin,
            LocalPref = localPref,
            Med = med,
            Communities = communities,
            Fields = new Dictionary<string, string>(fields, StringComparer.Ordinal),
        };
    }

    private static IPAddress Address(string key, string value, bool ipv6)
    {
        if (!IPAddress.TryParse(value?.Trim(), out var address))
        {
            throw new FormatException($"{key}: '{value}' is not an address");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return (address.AddressFamily == AddressFamily.InterNetworkV6) == ipv6
            ? address
            : throw new FormatException($"{key}: '{value}' is not an {(ipv6 ? "IPv6" : "IPv4")} address, as the prefix is");
    }

    private static uint Number(string key, string value) =>
        uint.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{key}: '{value}' is not a number");

    private static T Field<T>(string key, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new FormatException($"{key}: {e.Message}", e);
        }
    }
}
