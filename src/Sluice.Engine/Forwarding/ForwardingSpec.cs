namespace Sluice.Engine.Forwarding;

/// <summary>
/// An sFlow-RT forwarding entry (<c>PUT /forwarding/{name}/json</c>): re-send every datagram, unchanged, to
/// <see cref="Address"/>:<see cref="Port"/>, or only those of the listed <see cref="Agents"/>.
/// </summary>
public sealed record ForwardingSpec
{
    /// <summary>The collector's IP address (a literal: names are not resolved, so nothing is looked up on the hot path or behind the operator's back).</summary>
    public required string Address { get; init; }

    public int Port { get; init; } = 6343;

    /// <summary>Agent addresses whose datagrams are forwarded; empty forwards every agent.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];
}
