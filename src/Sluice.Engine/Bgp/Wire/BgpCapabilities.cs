namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// The capabilities (RFC 5492) an OPEN carries that this speaker understands; the codes of the others are kept in
/// <see cref="Other"/> for logs and ignored, as RFC 5492 §3 allows.
/// </summary>
public sealed record BgpCapabilities
{
    /// <summary>Multiprotocol extensions (RFC 4760 §8): the families offered.</summary>
    public const byte Multiprotocol = 1;

    /// <summary>Route refresh (RFC 2918 §2).</summary>
    public const byte RouteRefreshCode = 2;

    /// <summary>Extended messages up to 65,535 octets (RFC 8654 §3).</summary>
    public const byte ExtendedMessageCode = 6;

    /// <summary>4-octet AS numbers (RFC 6793 §3).</summary>
    public const byte FourOctetAsCode = 65;

    /// <summary>The pre-standard route refresh code some routers still send beside 2 (FRR does).</summary>
    public const byte CiscoRouteRefreshCode = 128;

    /// <summary>Families offered with the multiprotocol capability, in the order they came.</summary>
    public IReadOnlyList<BgpFamily> Families { get; init; } = [];

    /// <summary>The AS number of the 4-octet AS capability; null when the capability is absent.</summary>
    public uint? FourOctetAs { get; init; }

    public bool RouteRefresh { get; init; }

    public bool ExtendedMessage { get; init; }

    /// <summary>Codes of capabilities that were present but are not used here (graceful restart, ADD-PATH, FQDN, ...).</summary>
    public IReadOnlyList<byte> Other { get; init; } = [];

    /// <summary>
    /// The families the speaker can carry: those of the multiprotocol capability, or IPv4 unicast alone when it sent
    /// none (RFC 4760 §8: a speaker without the capability speaks IPv4 unicast only).
    /// </summary>
    public IReadOnlyList<BgpFamily> EffectiveFamilies => Families.Count > 0 ? Families : [BgpFamily.IPv4Unicast];

    /// <summary>Writes the capabilities as the value of one Capabilities optional parameter.</summary>
    internal void Write(BgpMessageWriter writer)
    {
        foreach (var family in Families)
        {
            writer.WriteByte(Multiprotocol);
            writer.WriteByte(4);
            writer.WriteUInt16(family.Afi);
            writer.WriteByte(0);
            writer.WriteByte(family.Safi);
        }

        if (RouteRefresh)
        {
            writer.WriteByte(RouteRefreshCode);
            writer.WriteByte(0);
        }

        if (ExtendedMessage)
        {
            writer.WriteByte(ExtendedMessageCode);
            writer.WriteByte(0);
        }

        if (FourOctetAs is { } asNumber)
        {
            writer.WriteByte(FourOctetAsCode);
            writer.WriteByte(4);
            writer.WriteUInt32(asNumber);
        }
    }

    /// <summary>Reads the capabilities of one Capabilities optional parameter into <paramref name="into"/>.</summary>
    /// <exception cref="BgpProtocolException">2/0 (OPEN Message Error) when a capability overruns its parameter or has the wrong length.</exception>
    internal static void Read(ReadOnlySpan<byte> value, Builder into)
    {
        var reader = new BgpReader(value);
        while (!reader.IsEmpty)
        {
            if (!reader.TryReadByte(out var code) || !reader.TryReadByte(out var length) || !reader.TryReadBytes(length, out var data))
            {
                throw new BgpProtocolException(BgpError.OpenMessage, 0, "a capability runs past the end of its optional parameter");
            }

            switch (code)
            {
                case Multiprotocol:
                    if (length != 4)
                    {
                        throw new BgpProtocolException(BgpError.OpenMessage, 0, $"the multiprotocol capability has length {length}, not 4");
                    }

                    var family = new BgpFamily((ushort)((data[0] << 8) | data[1]), data[3]);
                    if (!into.Families.Contains(family))
                    {
                        into.Families.Add(family);
                    }

                    break;
                case FourOctetAsCode:
                    if (length != 4)
                    {
                        throw new BgpProtocolException(BgpError.OpenMessage, 0, $"the 4-octet AS capability has length {length}, not 4");
                    }

                    into.FourOctetAs = ((uint)data[0] << 24) | ((uint)data[1] << 16) | ((uint)data[2] << 8) | data[3];
                    break;
                case RouteRefreshCode or CiscoRouteRefreshCode:
                    into.RouteRefresh = true;
                    break;
                case ExtendedMessageCode:
                    into.ExtendedMessage = true;
                    break;
                default:
                    into.Other.Add(code);
                    break;
            }
        }
    }

    /// <summary>Collects the capabilities of every parameter of an OPEN.</summary>
    internal sealed class Builder
    {
        public List<BgpFamily> Families { get; } = [];

        public uint? FourOctetAs { get; set; }

        public bool RouteRefresh { get; set; }

        public bool ExtendedMessage { get; set; }

        public List<byte> Other { get; } = [];

        public BgpCapabilities Build() => new()
        {
            Families = [.. Families],
            FourOctetAs = FourOctetAs,
            RouteRefresh = RouteRefresh,
            ExtendedMessage = ExtendedMessage,
            Other = [.. Other],
        };
    }
}
