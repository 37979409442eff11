namespace Sluice.Engine.Bgp.Wire;

/// <summary>NOTIFICATION error codes and subcodes (RFC 4271 §4.5 and §6; Cease subcodes RFC 4486; FSM subcodes RFC 6608).</summary>
public static class BgpError
{
    public const byte MessageHeader = 1;
    public const byte OpenMessage = 2;
    public const byte UpdateMessage = 3;
    public const byte HoldTimerExpired = 4;
    public const byte FiniteStateMachine = 5;
    public const byte Cease = 6;

    /// <summary>ROUTE-REFRESH Message Error (RFC 7313 §5).</summary>
    public const byte RouteRefreshMessage = 7;

    // Message header errors (RFC 4271 §6.1).
    public const byte ConnectionNotSynchronized = 1;
    public const byte BadMessageLength = 2;
    public const byte BadMessageType = 3;

    // OPEN message errors (RFC 4271 §6.2, RFC 5492 §5).
    public const byte UnsupportedVersionNumber = 1;
    public const byte BadPeerAs = 2;
    public const byte BadBgpIdentifier = 3;
    public const byte UnsupportedOptionalParameter = 4;
    public const byte UnacceptableHoldTime = 6;

    // UPDATE message errors (RFC 4271 §6.3).
    public const byte MalformedAttributeList = 1;
    public const byte UnrecognizedWellKnownAttribute = 2;
    public const byte MissingWellKnownAttribute = 3;
    public const byte AttributeFlagsError = 4;
    public const byte AttributeLengthError = 5;
    public const byte InvalidOrigin = 6;
    public const byte InvalidNextHop = 8;
    public const byte OptionalAttributeError = 9;
    public const byte InvalidNetworkField = 10;
    public const byte MalformedAsPath = 11;

    // FSM errors (RFC 6608 §3).
    public const byte UnexpectedMessageInOpenSent = 1;
    public const byte UnexpectedMessageInOpenConfirm = 2;
    public const byte UnexpectedMessageInEstablished = 3;

    // Cease (RFC 4486 §4).
    public const byte AdministrativeShutdown = 2;
    public const byte PeerDeconfigured = 3;
    public const byte ConnectionRejected = 5;
    public const byte ConnectionCollisionResolution = 7;
    public const byte OutOfResources = 8;

    /// <summary>ROUTE-REFRESH: Invalid Message Length (RFC 7313 §5).</summary>
    public const byte InvalidRouteRefreshLength = 1;

    /// <summary>A readable name for a code and subcode.</summary>
    public static string Describe(byte code, byte subcode) => code switch
    {
        MessageHeader => "Message Header Error: " + subcode switch
        {
            ConnectionNotSynchronized => "Connection Not Synchronized",
            BadMessageLength => "Bad Message Length",
            BadMessageType => "Bad Message Type",
            _ => "subcode " + subcode,
        },
        OpenMessage => "OPEN Message Error: " + subcode switch
        {
            UnsupportedVersionNumber => "Unsupported Version Number",
            BadPeerAs => "Bad Peer AS",
            BadBgpIdentifier => "Bad BGP Identifier",
            UnsupportedOptionalParameter => "Unsupported Optional Parameter",
            UnacceptableHoldTime => "Unacceptable Hold Time",
            7 => "Unsupported Capability",
            _ => "subcode " + subcode,
        },
        UpdateMessage => "UPDATE Message Error: " + subcode switch
        {
            MalformedAttributeList => "Malformed Attribute List",
            UnrecognizedWellKnownAttribute => "Unrecognized Well-known Attribute",
            MissingWellKnownAttribute => "Missing Well-known Attribute",
            AttributeFlagsError => "Attribute Flags Error",
            AttributeLengthError => "Attribute Length Error",
            InvalidOrigin => "Invalid ORIGIN Attribute",
            InvalidNextHop => "Invalid NEXT_HOP Attribute",
            OptionalAttributeError => "Optional Attribute Error",
            InvalidNetworkField => "Invalid Network Field",
            MalformedAsPath => "Malformed AS_PATH",
            _ => "subcode " + subcode,
        },
        HoldTimerExpired => "Hold Timer Expired",
        FiniteStateMachine => "Finite State Machine Error",
        Cease => "Cease: " + subcode switch
        {
            1 => "Maximum Number of Prefixes Reached",
            AdministrativeShutdown => "Administrative Shutdown",
            PeerDeconfigured => "Peer De-configured",
            4 => "Administrative Reset",
            ConnectionRejected => "Connection Rejected",
            6 => "Other Configuration Change",
            ConnectionCollisionResolution => "Connection Collision Resolution",
            OutOfResources => "Out of Resources",
            _ => "subcode " + subcode,
        },
        RouteRefreshMessage => "ROUTE-REFRESH Message Error",
        _ => $"error {code}/{subcode}",
    };
}
