using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// The <c>then</c> object of sFlow-RT's FlowSpec JSON (sflow-rt-api.md §8.3) as the extended communities that carry
/// the actions (RFC 8955 §7) and the other path attributes some actions need.
/// </summary>
public sealed record FlowSpecActions
{
    /// <summary>traffic-rate-bytes: type 0x80, subtype 0x06 (RFC 8955 §7.1).</summary>
    public const ushort TrafficRateBytes = 0x8006;

    /// <summary>traffic-action: 0x80, 0x07 (§7.3).</summary>
    public const ushort TrafficAction = 0x8007;

    /// <summary>rt-redirect AS-2octet: 0x80, 0x08 (§7.4).</summary>
    public const ushort RedirectAs2 = 0x8008;

    /// <summary>traffic-marking: 0x80, 0x09 (§7.5).</summary>
    public const ushort TrafficMarking = 0x8009;

    /// <summary>traffic-rate-packets: 0x80, 0x0c (§7.2).</summary>
    public const ushort TrafficRatePackets = 0x800C;

    /// <summary>rt-redirect IPv4: 0x81, 0x08 (§7.4).</summary>
    public const ushort RedirectIPv4 = 0x8108;

    /// <summary>rt-redirect AS-4octet: 0x82, 0x08 (§7.4).</summary>
    public const ushort RedirectAs4 = 0x8208;

    /// <summary>Redirect to the IP next hop of the MP_REACH_NLRI: 0x08, 0x00 (draft-simpson-idr-flowspec-redirect).</summary>
    public const ushort RedirectToNextHop = 0x0800;

    /// <summary>Redirect to an IPv4 address carried in the community: 0x01, 0x0c (draft-ietf-idr-flowspec-redirect-ip).</summary>
    public const ushort RedirectToIPv4 = 0x010C;

    public static FlowSpecActions None { get; } = new();

    /// <summary>The action communities, in the order the fields came; then the <c>communities</c> field's.</summary>
    public BgpCommunities Communities { get; init; } = BgpCommunities.None;

    /// <summary>The next hop of <c>redirect-nexthop</c>, sent as the MP_REACH_NLRI next hop; null otherwise.</summary>
    public IPAddress? RedirectNextHop { get; init; }

    /// <summary>Reads a <c>then</c> object for a rule of the given address family.</summary>
    /// <exception cref="FormatException">An unknown field or a bad value; the message names the field.</exception>
    public static FlowSpecActions Parse(IReadOnlyDictionary<string, string>? then, bool ipv6)
    {
        if (then is null || then.Count == 0)
        {
            return None;
        }

        var extended = new List<ulong>();
        var communities = BgpCommunities.None;
        IPAddress? nextHop = null;
        foreach (var (key, raw) in then)
        {
            var value = (raw ?? throw new FormatException($"{key}: a value is required")).Trim();
            switch (key)
            {
                case "traffic-rate":
                    extended.Add(Rate(TrafficRateBytes, value, key));
                    break;
                case "traffic-rate-packets":
                    extended.Add(Rate(TrafficRatePackets, value, key));
                    break;
                case "traffic-action":
                    extended.Add(Community(TrafficAction, Action(value)));
                    break;
                case "traffic-marking":
                    extended.Add(Community(TrafficMarking, (ulong)Dscp(value)));
                    break;
                case "redirect-as":
                    var (as2, value32) = Pair(value, key, ushort.MaxValue, uint.MaxValue);
                    extended.Add(Community(RedirectAs2, (as2 << 32) | value32));
                    break;
                case "redirect-as4":
                    var (as4, value16) = Pair(value, key, uint.MaxValue, ushort.MaxValue);
                    extended.Add(Community(RedirectAs4, (as4 << 16) | value16));
                    break;
                case "redirect-ip":
                    var colon = value.LastIndexOf(':');
                    var target = colon > 0 ? IPv4(value[..colon], key) : throw new FormatException($"{key}: '{value}' is not address:number");
                    var (_, local) = Pair("0" + value[colon..], key, 0, ushort.MaxValue);
                    extended.Add(Community(RedirectIPv4, ((ulong)target << 16) | local));
                    break;
                case "redirect-nexthop":
                    nextHop = IPAddress.TryParse(value, out var hop) ? hop : throw new FormatException($"{key}: '{value}' is not an address");
                    if ((hop.AddressFamily == AddressFamily.InterNetworkV6) != ipv6)
                    {
                        throw new FormatException($"{key}: '{value}' is not an {(ipv6 ? "IPv6" : "IPv4")} address, as the rule is");
                    }

                    extended.Add(Community(RedirectToNextHop, 0));
                    break;
                case "redirect-action-ip":
                    extended.Add(Community(RedirectToIPv4, (ulong)IPv4(value, key) << 16));
                    break;
                case "communities":
                    communities = BgpCommunities.Parse(value);
                    break;
                default:
                    throw new FormatException($"then: unknown field '{key}'");
            }
        }

        return new FlowSpecActions
        {
            Communities = new BgpCommunities { Extended = extended }.Plus(communities),
            RedirectNextHop = nextHop,
        };
    }

    /// <summary>The DSCP of a name (<c>le</c>, <c>ef</c>, <c>af11</c>, as sFlow-RT's <c>ipdscpname</c> writes them) or number.</summary>
    public static int Dscp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number <= 63 ? number : throw new FormatException($"traffic-marking: DSCP {number} is above 63");
        }

        Span<char> name = stackalloc char[8];
        for (var dscp = 0; dscp < 64; dscp++)
        {
            var length = Flows.FlowFormat.DscpName(dscp, name);
            if (name[..length].Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return dscp;
            }
        }

        throw new FormatException($"traffic-marking: '{text}' is not a DSCP name or number");
    }

    private static ulong Community(ushort typeAndSubtype, ulong value) => ((ulong)typeAndSubtype << 48) | (value & 0xFFFF_FFFF_FFFFUL);

    /// <summary>A rate in the IEEE single-precision float of the community (AS field 0).</summary>
    private static ulong Rate(ushort typeAndSubtype, string value, string key)
    {
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !float.IsFinite(rate) || rate < 0)
        {
            throw new FormatException($"{key}: '{value}' is not a rate of zero or more");
        }

        return Community(typeAndSubtype, (uint)BitConverter.SingleToInt32Bits(rate));
    }

    /// <summary>Terminal (T, "continue") is bit 47 and Sample (S) bit 46 of the community (RFC 8955 §7.3).</summary>
    private static ulong Action(string value) => value.ToLowerInvariant().Replace(",", string.Empty, StringComparison.Ordinal)
        .Replace(" ", string.Empty, StringComparison.Ordinal) switch
    {
        "none" or "" => 0,
        "continue" or "terminal" => 1,
        "sample" => 2,
        "sampleandcontinue" or "samplecontinue" or "continuesample" => 3,
        _ => throw new FormatException($"traffic-action: '{value}' is none of none, continue, sample, sampleandcontinue"),
    };

    private static (ulong Left, ulong Right) Pair(string value, string key, ulong leftMaximum, ulong rightMaximum)
    {
        var parts = value.Split(':');
        if (parts.Length != 2
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var left)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var right)
            || left > leftMaximum || right > rightMaximum)
        {
            throw new FormatException($"{key}: '{value}' is not {(leftMaximum == 0 ? "address" : "AS")}:number in range");
        }

        return (left, right);
    }

    private static uint IPv4(string text, string key) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())
            : throw new FormatException($"{key}: '{text}' is not an IPv4 address");
}
