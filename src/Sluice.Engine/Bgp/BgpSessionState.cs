namespace Sluice.Engine.Bgp;

/// <summary>The states of the BGP finite state machine (RFC 4271 §8.2.2), as a neighbor reports them.</summary>
public enum BgpSessionState
{
    /// <summary>No session and none expected: the speaker is stopped or does not listen.</summary>
    Idle,

    /// <summary>An active neighbor's TCP connect is under way.</summary>
    Connect,

    /// <summary>Waiting for the router to connect (or for the next active attempt).</summary>
    Active,

    /// <summary>OPEN sent, waiting for the peer's.</summary>
    OpenSent,

    /// <summary>OPENs exchanged, waiting for the first KEEPALIVE.</summary>
    OpenConfirm,

    Established,
}
