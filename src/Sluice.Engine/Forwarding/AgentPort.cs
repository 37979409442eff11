using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>An interface of an agent, by ifIndex: the key of the tenants' port filters.</summary>
internal readonly record struct AgentPort(SflowAddress Agent, uint IfIndex);
