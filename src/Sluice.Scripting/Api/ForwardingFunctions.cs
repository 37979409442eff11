using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// Forwarding from scripts: <c>setForwarding(name, {address, port, agents})</c>, <c>clearForwarding(name)</c>,
/// <c>setTenant(name, {collectorAddress, collectorPort, filters})</c>, <c>clearTenant(name)</c> (the bodies of
/// <c>/forwarding</c> and <c>/tenant</c>, sflow-rt-api.md §1.6; sFlow-RT's own JavaScript names are undocumented).
/// </summary>
internal static class ForwardingFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var services = script.Services;
        api.Add("setForwarding", a => FlowFunctions.Define(engine, a, "setForwarding", NotSupported.Require(engine, services.Forwarding, "setForwarding").SetForwarding));
        api.Add("clearForwarding", a => NotSupported.Require(engine, services.Forwarding, "clearForwarding").RemoveForwarding(Args.Text(engine, a, 0, "clearForwarding")));
        api.Add("setTenant", a => FlowFunctions.Define(engine, a, "setTenant", NotSupported.Require(engine, services.Forwarding, "setTenant").SetTenant));
        api.Add("clearTenant", a => NotSupported.Require(engine, services.Forwarding, "clearTenant").RemoveTenant(Args.Text(engine, a, 0, "clearTenant")));
    }
}
