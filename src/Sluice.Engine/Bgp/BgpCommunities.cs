using System.Globalization;

namespace Sluice.Engine.Bgp;

/// <summary>
/// Communities to attach to a route or rule, parsed from sFlow-RT's <c>communities</c> text: items separated by
/// commas, spaces or <c>-</c> (<c>65535:666</c>, <c>100:300-100:250</c>). <c>A:B</c> is a standard community
/// (RFC 1997); <c>T:S:V</c> with a type and subtype below 256 is an extended community written type:subtype:value
/// (<c>128:6:0</c> is traffic-rate 0); other <c>A:B:C</c> is a large community (RFC 8092). The well-known names
/// <c>no-export</c>, <c>no-advertise</c>, <c>no-export-subconfed</c>, <c>blackhole</c> (RFC 7999) and
/// <c>graceful-shutdown</c> (RFC 8326) are understood too.
/// </summary>
public sealed record BgpCommunities
{
    public static BgpCommunities None { get; } = new();

    public IReadOnlyList<uint> Standard { get; init; } = [];

    /// <summary>8-octet extended communities, type in the top octet.</summary>
    public IReadOnlyList<ulong> Extended { get; init; } = [];

    public IReadOnlyList<BgpLargeCommunity> Large { get; init; } = [];

    public bool IsEmpty => Standard.Count == 0 && Extended.Count == 0 && Large.Count == 0;

    /// <exception cref="FormatException">An item is none of the forms; the message names it.</exception>
    public static BgpCommunities Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var standard = new List<uint>();
        var extended = new List<ulong>();
        var large = new List<BgpLargeCommunity>();
        foreach (var token in text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var items = WellKnown(token) is null ? token.Split('-', StringSplitOptions.RemoveEmptyEntries) : [token];
            foreach (var item in items)
            {
                if (WellKnown(item) is { } known)
                {
                    standard.Add(known);
                    continue;
                }

                var parts = item.Split(':');
                var numbers = new ulong[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                    {
                        throw new FormatException($"communities: '{item}' is not a community");
                    }
                }

                switch (numbers.Length)
                {
                    case 2 when numbers[0] <= ushort.MaxValue && numbers[1] <= ushort.MaxValue:
                        standard.Add((uint)((numbers[0] << 16) | numbers[1]));
                        break;
                    case 3 when numbers[0] <= byte.MaxValue && numbers[1] <= byte.MaxValue && numbers[2] < 1UL << 48:
                        extended.Add((numbers[0] << 56) | (numbers[1] << 48) | numbers[2]);
                        break;
                    case 3 when numbers[0] <= uint.MaxValue && numbers[1] <= uint.MaxValue && numbers[2] <= uint.MaxValue:
                        large.Add(new BgpLargeCommunity((uint)numbers[0], (uint)numbers[1], (uint)numbers[2]));
                        break;
                    default:
                        throw new FormatException($"communities: '{item}' is not a community (A:B, type:subtype:value or A:B:C)");
                }
            }
        }

        return new BgpCommunities { Standard = standard, Extended = extended, Large = large };
    }

    /// <summary>Both lists together (duplicates kept once, order kept).</summary>
    public BgpCommunities Plus(BgpCommunities other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new BgpCommunities
        {
            Standard = [.. Standard.Concat(other.Standard).Distinct()],
            Extended = [.. Extended.Concat(other.Extended).Distinct()],
            Large = [.. Large.Concat(other.Large).Distinct()],
        };
    }

    private static uint? WellKnown(string name) => name.ToLowerInvariant() switch
    {
        "no-export" => 0xFFFFFF01,
        "no-advertise" => 0xFFFFFF02,
        "no-export-subconfed" => 0xFFFFFF03,
        "blackhole" => 0xFFFF029A,
        "graceful-shutdown" => 0xFFFF0000,
        _ => null,
    };
}
