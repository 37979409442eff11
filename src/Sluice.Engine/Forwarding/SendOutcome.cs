namespace Sluice.Engine.Forwarding;

/// <summary>What became of one forwarded datagram.</summary>
internal enum SendOutcome
{
    Sent,

    /// <summary>The socket's send buffer was full: the datagram was dropped rather than wait.</summary>
    WouldBlock,

    /// <summary>Any other failure (no route, message too long, socket closed).</summary>
    Failed,
}
