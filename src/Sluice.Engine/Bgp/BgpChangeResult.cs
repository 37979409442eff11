namespace Sluice.Engine.Bgp;

/// <summary>What became of a request to add or remove a rule or route.</summary>
public enum BgpChangeResult
{
    /// <summary>Done: kept for the neighbor (and sent, when the session is up).</summary>
    Done,

    /// <summary>No neighbor has that address.</summary>
    UnknownNeighbor,

    /// <summary>The session is down and the neighbor keeps nothing while down (<see cref="BgpNeighborOptions.RetainWhenDown"/> false).</summary>
    NotEstablished,

    /// <summary>The neighbor already holds its most rules or routes.</summary>
    LimitReached,

    /// <summary>Removal of a rule or route the neighbor does not have.</summary>
    NotFound,
}
