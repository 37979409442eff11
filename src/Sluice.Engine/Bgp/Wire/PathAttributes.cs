namespace Sluice.Engine.Bgp.Wire;

/// <summary>Path attribute type codes and flags (RFC 4271 §4.3 and §5, RFC 4760, RFC 1997, RFC 4360, RFC 6793, RFC 8092).</summary>
public static class PathAttributes
{
    public const byte Optional = 0x80;
    public const byte Transitive = 0x40;
    public const byte Partial = 0x20;
    public const byte ExtendedLength = 0x10;

    public const byte Origin = 1;
    public const byte AsPath = 2;
    public const byte NextHop = 3;
    public const byte MultiExitDisc = 4;
    public const byte LocalPref = 5;
    public const byte AtomicAggregate = 6;
    public const byte Aggregator = 7;
    public const byte Communities = 8;
    public const byte MpReachNlri = 14;
    public const byte MpUnreachNlri = 15;
    public const byte ExtendedCommunities = 16;
    public const byte As4Path = 17;
    public const byte As4Aggregator = 18;
    public const byte LargeCommunities = 32;

    /// <summary>AS_PATH segment types (RFC 4271 §4.3; confederation segments RFC 5065 §3).</summary>
    public const byte AsSet = 1;
    public const byte AsSequence = 2;
    public const byte AsConfedSequence = 3;
    public const byte AsConfedSet = 4;

    /// <summary>The flags a recognised attribute must carry (optional and transitive bits), or null when it is not recognised.</summary>
    public static byte? ExpectedFlags(byte type) => type switch
    {
        Origin or AsPath or NextHop or LocalPref or AtomicAggregate => Transitive,
        MultiExitDisc or MpReachNlri or MpUnreachNlri => Optional,
        Aggregator or Communities or ExtendedCommunities or As4Path or As4Aggregator or LargeCommunities => Optional | Transitive,
        _ => null,
    };
}
