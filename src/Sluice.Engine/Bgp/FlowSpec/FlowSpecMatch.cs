namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// The <c>match</c> object of sFlow-RT's FlowSpec JSON (sflow-rt-api.md §8.3) to and from an NLRI. Keys:
/// <c>version</c> (4 or 6), <c>destination</c>, <c>source</c> (prefixes, IPv6 with an optional <c>/offset</c>),
/// <c>protocol</c>, <c>port</c>, <c>destination-port</c>, <c>source-port</c>, <c>icmp-type</c>, <c>icmp-code</c>,
/// <c>tcp-flags</c>, <c>length</c> (or <c>packet-length</c>), <c>dscp</c>, <c>fragment</c> and, IPv6 only,
/// <c>flow-label</c>; the value grammar is <see cref="FlowSpecText"/>'s.
/// </summary>
public static class FlowSpecMatch
{
    private static readonly (string Key, FlowSpecComponentType Type, ulong Maximum)[] Fields =
    [
        ("destination", FlowSpecComponentType.DestinationPrefix, 0),
        ("source", FlowSpecComponentType.SourcePrefix, 0),
        ("protocol", FlowSpecComponentType.Protocol, byte.MaxValue),
        ("port", FlowSpecComponentType.Port, ushort.MaxValue),
        ("destination-port", FlowSpecComponentType.DestinationPort, ushort.MaxValue),
        ("source-port", FlowSpecComponentType.SourcePort, ushort.MaxValue),
        ("icmp-type", FlowSpecComponentType.IcmpType, byte.MaxValue),
        ("icmp-code", FlowSpecComponentType.IcmpCode, byte.MaxValue),
        ("tcp-flags", FlowSpecComponentType.TcpFlags, 0xFFF),
        ("length", FlowSpecComponentType.PacketLength, ushort.MaxValue),
        ("dscp", FlowSpecComponentType.Dscp, 63),
        ("fragment", FlowSpecComponentType.Fragment, byte.MaxValue),
        ("flow-label", FlowSpecComponentType.FlowLabel, 0xFFFFF),
    ];

    /// <summary>Builds the NLRI a match object describes.</summary>
    /// <exception cref="FormatException">An unknown key, a bad value, or IPv4/IPv6 parts mixed; the message names the key.</exception>
    public static FlowSpecNlri Parse(IReadOnlyDictionary<string, string> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        bool? ipv6 = null;
        var byType = new SortedDictionary<FlowSpecComponentType, (string Key, string Value)>();
        foreach (var (rawKey, value) in match)
        {
            var key = rawKey == "packet-length" ? "length" : rawKey;
            if (key == "version")
            {
                ipv6 = value.Trim() switch
                {
                    "4" => false,
                    "6" => true,
                    _ => throw new FormatException($"version: '{value}' is neither 4 nor 6"),
                };
                continue;
            }

            var field = Array.FindIndex(Fields, f => f.Key == key);
            if (field < 0)
            {
                throw new FormatException($"match: unknown field '{rawKey}'");
            }

            byType[Fields[field].Type] = (key, value ?? throw new FormatException($"{key}: a value is required"));
        }

        foreach (var type in new[] { FlowSpecComponentType.DestinationPrefix, FlowSpecComponentType.SourcePrefix })
        {
            if (byType.TryGetValue(type, out var prefix))
            {
                var family = Wrap(prefix.Key, () => FlowSpecPrefix.Parse(prefix.Value)).IsIPv6;
                if (ipv6 is { } declared && declared != family)
                {
                    throw new FormatException($"{prefix.Key}: '{prefix.Value}' does not match version {(declared ? 6 : 4)}");
                }

                ipv6 = family;
            }
        }

        var v6 = ipv6 ?? byType.ContainsKey(FlowSpecComponentType.FlowLabel);
        if (!v6 && byType.ContainsKey(FlowSpecComponentType.FlowLabel))
        {
            throw new FormatException("flow-label: IPv6 only, and this is an IPv4 rule");
        }
        var components = new List<FlowSpecComponent>();
        foreach (var (type, (key, value)) in byType)
        {
            components.Add(Wrap(key, () => Component(type, value, v6)));
        }

        return Wrap("match", () => new FlowSpecNlri(v6, components));
    }

    /// <summary>The match object of an NLRI, <c>version</c> first and the components in type order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Format(FlowSpecNlri nlri)
    {
        ArgumentNullException.ThrowIfNull(nlri);
        var fields = new List<KeyValuePair<string, string>> { new("version", nlri.IsIPv6 ? "6" : "4") };
        foreach (var component in nlri.Components)
        {
            var key = Fields.First(f => f.Type == component.Type).Key;
            fields.Add(new(key, component.Prefix?.ToString() ?? FlowSpecText.Format(component)));
        }

        return fields;
    }

    private static FlowSpecComponent Component(FlowSpecComponentType type, string value, bool ipv6)
    {
        var maximum = Fields.First(f => f.Type == type).Maximum;
        switch (type)
        {
            case FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix:
                return FlowSpecComponent.ForPrefix(type, FlowSpecPrefix.Parse(value));
            case FlowSpecComponentType.TcpFlags:
                return FlowSpecComponent.ForTerms(type, FlowSpecText.ParseBitmask(value, FlowSpecText.TcpFlagLetters, maximum));
            case FlowSpecComponentType.Fragment:
                var fragment = FlowSpecText.ParseBitmask(value, FlowSpecText.FragmentLetters, maximum);
                if (ipv6 && fragment.Exists(t => (t.Value & 1) != 0))
                {
                    // RFC 8956 §3.6: IPv6 has no Don't Fragment bit.
                    throw new FormatException($"'{value}': D (don't fragment) does not apply to IPv6");
                }

                return FlowSpecComponent.ForTerms(type, fragment);
            case FlowSpecComponentType.Protocol:
                return FlowSpecComponent.ForTerms(type, FlowSpecText.ParseNumeric(value, maximum, ProtocolNumber));
            default:
                return FlowSpecComponent.ForTerms(type, FlowSpecText.ParseNumeric(value, maximum));
        }
    }

    /// <summary>IANA protocol numbers of the names people write in rules.</summary>
    private static ulong? ProtocolNumber(string name) => name switch
    {
        "icmp" => 1,
        "igmp" => 2,
        "tcp" => 6,
        "udp" => 17,
        "gre" => 47,
        "esp" => 50,
        "ah" => 51,
        "icmpv6" or "icmp6" or "ipv6-icmp" => 58,
        "ospf" => 89,
        "pim" => 103,
        "sctp" => 132,
        _ => null,
    };

    private static T Wrap<T>(string key, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e) when (!e.Message.StartsWith(key + ":", StringComparison.Ordinal))
        {
            throw new FormatException($"{key}: {e.Message}", e);
        }
    }
}
