using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Generator;

/// <summary>
/// A flood mixed into the generated traffic, for testing DDoS detection: <c>dns-amplification</c>,
/// <c>ntp-amplification</c>, <c>ssdp-amplification</c> and <c>memcached-amplification</c> send large UDP packets from
/// many reflectors' service port (53, 123, 1900, 11211) to the target; <c>syn-flood</c> sends TCP SYNs from many
/// sources to the target's port 80. The sources come from the generator's outside address blocks.
/// </summary>
public sealed record AttackTraffic
{
    public static IReadOnlyList<string> Kinds { get; } =
        ["dns-amplification", "ntp-amplification", "ssdp-amplification", "memcached-amplification", "syn-flood"];

    public required string Kind { get; init; }

    public required IPAddress Target { get; init; }

    /// <summary>The attack's share of all flow samples (0 to 1, exclusive).</summary>
    public double Share { get; init; } = 0.3;

    /// <summary>Distinct attacking sources (reflectors or spoofed addresses).</summary>
    public int Sources { get; init; } = 200;

    public bool IsIPv6 => Target.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The reflectors' UDP source port of an amplification; 0 for a SYN flood.</summary>
    public ushort ServicePort => Kind switch
    {
        "dns-amplification" => 53,
        "ntp-amplification" => 123,
        "ssdp-amplification" => 1900,
        "memcached-amplification" => 11211,
        _ => 0,
    };

    /// <summary>Parses <c>KIND:ADDRESS</c>, e.g. <c>dns-amplification:10.0.0.1</c> or <c>syn-flood:2001:db8::1</c>.</summary>
    /// <exception cref="FormatException">An unknown kind or an address that does not parse.</exception>
    public static AttackTraffic Parse(string text, double share = 0.3)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        if (!Kinds.Contains(kind))
        {
            throw new FormatException($"'{kind}' is not an attack kind ({string.Join(", ", Kinds)})");
        }

        if (colon < 0 || !IPAddress.TryParse(text[(colon + 1)..], out var target))
        {
            throw new FormatException($"'{text}': expected {kind}:ADDRESS");
        }

        return new AttackTraffic { Kind = kind, Target = target, Share = share };
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the attack cannot be generated.</summary>
    public void Validate()
    {
        if (!Kinds.Contains(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown attack kind");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Share, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Sources, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Sources, 100_000);
    }
}
