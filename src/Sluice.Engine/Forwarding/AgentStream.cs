using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>One agent and sub-agent: a datagram stream with its own sequence numbers.</summary>
internal readonly record struct AgentStream(SflowAddress Agent, uint SubAgent);
