using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>An <c>agent_ifName</c> filter entry, with the name in UTF-8 to compare against port_name records as they pass.</summary>
internal sealed record TenantPortName(SflowAddress Agent, string Name, byte[] Utf8);
