using System.Buffers.Binary;
using System.Net;
using Sluice.Engine.Bgp.FlowSpec;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// Reads and checks an UPDATE body (RFC 4271 §6.3): every malformed field raises the NOTIFICATION the RFC names
/// (<see cref="BgpProtocolException"/>), so a bad message from a peer ends the session cleanly and never escapes as any
/// other exception. Errors in MP_REACH/MP_UNREACH_NLRI are Optional Attribute Errors (RFC 4760 §7).
/// </summary>
public static class BgpUpdateDecoder
{
    public static BgpUpdate Decode(ReadOnlySpan<byte> body, BgpUpdateContext context)
    {
        var reader = new BgpReader(body);
        if (!reader.TryReadUInt16(out var withdrawnLength) || !reader.TryReadBytes(withdrawnLength, out var withdrawnField))
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAttributeList, "the withdrawn routes run past the end of the message");
        }

        if (!reader.TryReadUInt16(out var attributesLength) || !reader.TryReadBytes(attributesLength, out var attributesField))
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAttributeList, "the path attributes run past the end of the message");
        }

        var nlriField = body[reader.Position..];
        var withdrawn = Prefixes(withdrawnField, ipv6: false, "withdrawn routes");
        var announced = Prefixes(nlriField, ipv6: false, "NLRI");
        var result = new Builder { Withdrawn = withdrawn, Announced = announced };
        var seen = new bool[256];
        var attributes = new BgpReader(attributesField);
        while (!attributes.IsEmpty)
        {
            var start = attributes.Position;
            if (!attributes.TryReadByte(out var flags) || !attributes.TryReadByte(out var type))
            {
                throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAttributeList, "an attribute header is cut off");
            }

            int length;
            if ((flags & PathAttributes.ExtendedLength) != 0)
            {
                length = attributes.TryReadUInt16(out var wide) ? wide : -1;
            }
            else
            {
                length = attributes.TryReadByte(out var narrow) ? narrow : -1;
            }

            if (length < 0 || !attributes.TryReadBytes(length, out var value))
            {
                throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAttributeList, $"attribute {type} runs past the end of the path attributes");
            }

            var whole = attributesField[start..attributes.Position].ToArray();
            if (seen[type])
            {
                throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAttributeList, $"attribute {type} appears twice");
            }

            seen[type] = true;
            CheckFlags(flags, type, whole);
            Read(type, value, whole, context, result);
        }

        if (!nlriField.IsEmpty)
        {
            Require(seen, PathAttributes.Origin);
            Require(seen, PathAttributes.AsPath);
            Require(seen, PathAttributes.NextHop);
            if (result.NextHopField is { } hop && !IsUsableNextHop(hop))
            {
                throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.InvalidNextHop, $"NEXT_HOP {hop} cannot forward",
                    result.NextHopAttribute);
            }
        }

        if (seen[PathAttributes.MpReachNlri])
        {
            Require(seen, PathAttributes.Origin);
            Require(seen, PathAttributes.AsPath);
        }

        if (withdrawnLength == 0 && attributesLength == 0 && nlriField.IsEmpty)
        {
            result.EndOfRib = BgpFamily.IPv4Unicast;
        }

        return result.Build();
    }

    private static void CheckFlags(byte flags, byte type, byte[] whole)
    {
        var expected = PathAttributes.ExpectedFlags(type);
        if (expected is null)
        {
            if ((flags & PathAttributes.Optional) == 0)
            {
                throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.UnrecognizedWellKnownAttribute, $"well-known attribute {type} is not known here", whole);
            }

            return;
        }

        var wellKnown = (expected & PathAttributes.Optional) == 0;
        if ((flags & (PathAttributes.Optional | PathAttributes.Transitive)) != expected || (wellKnown && (flags & PathAttributes.Partial) != 0))
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.AttributeFlagsError, $"attribute {type} has flags 0x{flags:x2}", whole);
        }
    }

    private static void Read(byte type, ReadOnlySpan<byte> value, byte[] whole, BgpUpdateContext context, Builder result)
    {
        switch (type)
        {
            case PathAttributes.Origin:
                Length(type, value, 1, whole);
                result.Origin = value[0] <= BgpRoute.OriginIncomplete
                    ? value[0]
                    : throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.InvalidOrigin, $"ORIGIN {value[0]}", whole);
                break;
            case PathAttributes.AsPath:
                result.AsPath = AsPath(value, context.FourOctetAs)
                    ?? throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MalformedAsPath, "the AS_PATH segments do not add up");
                break;
            case PathAttributes.NextHop:
                Length(type, value, 4, whole);
                result.NextHopField = new IPAddress(value);
                result.NextHop = result.NextHopField;
                result.NextHopAttribute = whole;
                break;
            case PathAttributes.MultiExitDisc:
                Length(type, value, 4, whole);
                result.Med = BinaryPrimitives.ReadUInt32BigEndian(value);
                break;
            case PathAttributes.LocalPref:
                Length(type, value, 4, whole);
                result.LocalPref = BinaryPrimitives.ReadUInt32BigEndian(value);
                break;
            case PathAttributes.AtomicAggregate:
                Length(type, value, 0, whole);
                break;
            case PathAttributes.Aggregator:
                Length(type, value, context.FourOctetAs ? 8 : 6, whole);
                break;
            case PathAttributes.Communities:
                Multiple(type, value, 4, whole);
                var standard = new List<uint>();
                for (var i = 0; i < value.Length; i += 4)
                {
                    standard.Add(BinaryPrimitives.ReadUInt32BigEndian(value[i..]));
                }

                result.Communities = result.Communities with { Standard = standard };
                break;
            case PathAttributes.ExtendedCommunities:
                Multiple(type, value, 8, whole);
                var extended = new List<ulong>();
                for (var i = 0; i < value.Length; i += 8)
                {
                    extended.Add(BinaryPrimitives.ReadUInt64BigEndian(value[i..]));
                }

                result.Communities = result.Communities with { Extended = extended };
                break;
            case PathAttributes.LargeCommunities:
                Multiple(type, value, 12, whole);
                var large = new List<BgpLargeCommunity>();
                for (var i = 0; i < value.Length; i += 12)
                {
                    large.Add(new BgpLargeCommunity(BinaryPrimitives.ReadUInt32BigEndian(value[i..]),
                        BinaryPrimitives.ReadUInt32BigEndian(value[(i + 4)..]), BinaryPrimitives.ReadUInt32BigEndian(value[(i + 8)..])));
                }

                result.Communities = result.Communities with { Large = large };
                break;
            case PathAttributes.MpReachNlri:
                MpReach(value, whole, result);
                break;
            case PathAttributes.MpUnreachNlri:
                MpUnreach(value, whole, result);
                break;

            // AS4_PATH and AS4_AGGREGATOR errors are not session errors (RFC 6793 §6): the attribute is just not used.
            default:
                break;
        }
    }

    private static void MpReach(ReadOnlySpan<byte> value, byte[] whole, Builder result)
    {
        var reader = new BgpReader(value);
        if (!reader.TryReadUInt16(out var afi) || !reader.TryReadByte(out var safi) || !reader.TryReadByte(out var nextHopLength)
            || !reader.TryReadBytes(nextHopLength, out var nextHop) || !reader.TryReadByte(out _))
        {
            throw OptionalError("MP_REACH_NLRI is shorter than its fixed fields", whole);
        }

        var family = new BgpFamily(afi, safi);
        if (nextHopLength is 4 or 16 or 32 && result.NextHop is null)
        {
            result.NextHop = new IPAddress(nextHop[..(nextHopLength == 4 ? 4 : 16)]);
        }

        Nlri(family, value[reader.Position..], whole, result, announce: true);
    }

    private static void MpUnreach(ReadOnlySpan<byte> value, byte[] whole, Builder result)
    {
        var reader = new BgpReader(value);
        if (!reader.TryReadUInt16(out var afi) || !reader.TryReadByte(out var safi))
        {
            throw OptionalError("MP_UNREACH_NLRI is shorter than its fixed fields", whole);
        }

        var family = new BgpFamily(afi, safi);
        var withdrawn = value[reader.Position..];
        if (withdrawn.IsEmpty)
        {
            result.EndOfRib = family;
            return;
        }

        Nlri(family, withdrawn, whole, result, announce: false);
    }

    private static void Nlri(BgpFamily family, ReadOnlySpan<byte> field, byte[] whole, Builder result, bool announce)
    {
        try
        {
            if (family == BgpFamily.IPv4FlowSpec || family == BgpFamily.IPv6FlowSpec)
            {
                (announce ? result.FlowSpecAnnounced : result.FlowSpecWithdrawn).AddRange(FlowSpecNlri.ReadAll(field, family.IsIPv6));
            }
            else if (family == BgpFamily.IPv4Unicast || family == BgpFamily.IPv6Unicast)
            {
                (announce ? result.Announced : result.Withdrawn).AddRange(BgpPrefixes.ReadAll(field, family.IsIPv6));
            }
            else
            {
                result.OtherFamilyNlri++;
            }
        }
        catch (FormatException e)
        {
            throw OptionalError($"{family} NLRI: {e.Message}", whole);
        }
    }

    /// <summary>The AS numbers of every segment in order; null when the segments do not fill the attribute exactly.</summary>
    private static List<uint>? AsPath(ReadOnlySpan<byte> value, bool fourOctet)
    {
        var size = fourOctet ? 4 : 2;
        var path = new List<uint>();
        var reader = new BgpReader(value);
        while (!reader.IsEmpty)
        {
            if (!reader.TryReadByte(out var segmentType) || !reader.TryReadByte(out var count) || count == 0
                || segmentType is < PathAttributes.AsSet or > PathAttributes.AsConfedSet || !reader.TryReadBytes(count * size, out var numbers))
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                path.Add(fourOctet ? BinaryPrimitives.ReadUInt32BigEndian(numbers[(i * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(numbers[(i * 2)..]));
            }
        }

        return path;
    }

    private static List<IPNetwork> Prefixes(ReadOnlySpan<byte> field, bool ipv6, string what)
    {
        try
        {
            return BgpPrefixes.ReadAll(field, ipv6);
        }
        catch (FormatException e)
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.InvalidNetworkField, $"{what}: {e.Message}");
        }
    }

    private static void Length(byte type, ReadOnlySpan<byte> value, int expected, byte[] whole)
    {
        if (value.Length != expected)
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.AttributeLengthError, $"attribute {type} has length {value.Length}, not {expected}", whole);
        }
    }

    private static void Multiple(byte type, ReadOnlySpan<byte> value, int unit, byte[] whole)
    {
        if (value.Length % unit != 0)
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.AttributeLengthError, $"attribute {type} has length {value.Length}, not a multiple of {unit}", whole);
        }
    }

    private static void Require(bool[] seen, byte type)
    {
        if (!seen[type])
        {
            throw new BgpProtocolException(BgpError.UpdateMessage, BgpError.MissingWellKnownAttribute, $"attribute {type} is missing", new[] { type });
        }
    }

    private static BgpProtocolException OptionalError(string message, byte[] whole) =>
        new(BgpError.UpdateMessage, BgpError.OptionalAttributeError, message, whole);

    /// <summary>RFC 4271 §6.3: a NEXT_HOP must be a usable unicast address (not 0.0.0.0, broadcast or multicast).</summary>
    private static bool IsUsableNextHop(IPAddress address)
    {
        var first = address.GetAddressBytes()[0];
        return !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.Broadcast) && first is < 224;
    }

    private sealed class Builder
    {
        public required List<IPNetwork> Withdrawn { get; init; }

        public required List<IPNetwork> Announced { get; init; }

        public List<FlowSpecNlri> FlowSpecWithdrawn { get; } = [];

        public List<FlowSpecNlri> FlowSpecAnnounced { get; } = [];

        public BgpFamily? EndOfRib { get; set; }

        public int OtherFamilyNlri { get; set; }

        public byte? Origin { get; set; }

        public IReadOnlyList<uint> AsPath { get; set; } = [];

        public IPAddress? NextHop { get; set; }

        /// <summary>The NEXT_HOP attribute's address (not MP_REACH_NLRI's).</summary>
        public IPAddress? NextHopField { get; set; }

        public byte[] NextHopAttribute { get; set; } = [];

        public uint? LocalPref { get; set; }

        public uint? Med { get; set; }

        public BgpCommunities Communities { get; set; } = BgpCommunities.None;

        public BgpUpdate Build() => new()
        {
            Withdrawn = Withdrawn,
            Announced = Announced,
            FlowSpecWithdrawn = FlowSpecWithdrawn,
            FlowSpecAnnounced = FlowSpecAnnounced,
            EndOfRib = EndOfRib,
            OtherFamilyNlri = OtherFamilyNlri,
            Origin = Origin,
            AsPath = AsPath,
            NextHop = NextHop,
            LocalPref = LocalPref,
            Med = Med,
            Communities = Communities,
        };
    }
}
