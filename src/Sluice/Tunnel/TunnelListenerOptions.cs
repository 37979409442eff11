namespace Sluice.Tunnel;

/// <summary>Where <see cref="TunnelListener"/> receives: a bind address (null for every address) and a UDP port.</summary>
internal sealed record TunnelListenerOptions(string? BindAddress, int Port);
