using System.Text.Json;
using Sluice.Api;
using Sluice.Engine;
using Sluice.Engine.Forwarding;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>
/// Scripts' forwarding sessions and tenants over the engine's, with the parsers of <c>PUT /forwarding/{name}/json</c>
/// and <c>PUT /tenant/{name}/json</c>. A destination that <c>forwarding.allow</c> refuses is an error the script sees.
/// </summary>
internal sealed class EngineForwarding : IForwardingService
{
    private readonly SluiceEngine _engine;

    public EngineForwarding(SluiceEngine engine)
    {
        _engine = engine;
    }

    public void SetForwarding(string name, JsonElement definition) =>
        Refusable(() => _engine.Forwarding.Set(name, ForwardingJson.ParseSession(definition)));

    public bool RemoveForwarding(string name) => _engine.Forwarding.Remove(name);

    public void SetTenant(string name, JsonElement definition) =>
        Refusable(() => _engine.Tenants.Set(name, ForwardingJson.ParseTenant(definition)));

    public bool RemoveTenant(string name) => _engine.Tenants.Remove(name);

    private static void Refusable(Action set)
    {
        try
        {
            set();
        }
        catch (ForwardingDeniedException e)
        {
            throw new FormatException("forbidden: " + e.Message, e);
        }
    }
}
