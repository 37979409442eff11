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
        api.Add("setForwarding", a =>
        {
            var forwarding = NotSupported.Require(engine, services.Forwarding, "setForwarding");
            var name = Args.Text(engine, a, 0, "setForwarding");
            try
            {
                forwarding.SetForwarding(name, FlowFunctions.Definition(engine, a, "setForwarding"));
            }
            catch (FormatException e)
            {
                throw Args.Fail(engine, $"setForwarding {name}: {e.Message}");
            }
        });
        api.Add("clearForwarding", a => NotSupported.Require(engine, services.Forwarding, "clearForwarding").RemoveForwarding(Args.Text(engine, a, 0, "clearForwarding")));
        api.Add("setTenant", a =>
        {
            var forwarding = NotSupported.Require(engine, services.Forwarding, "setTenant");
            var name = Args.Text(engine, a, 0, "setTenant");
            try
            {
                forwarding.SetTenant(name, FlowFunctions.Definition(engine, a, "setTenant"));
            }
            catch (FormatException e)
            {
                throw Args.Fail(engine, $"setTenant {name}: {e.Message}");
            }
        });
        api.Add("clearTenant", a => NotSupported.Require(engine, services.Forwarding, "clearTenant").RemoveTenant(Args.Text(engine, a, 0, "clearTenant")));
    }
}
