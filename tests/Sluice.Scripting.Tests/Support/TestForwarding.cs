using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>An in-test forwarding registry: keeps what scripts define, as JSON, and rejects a definition without an address.</summary>
internal sealed class TestForwarding : IForwardingService
{
    public ConcurrentDictionary<string, string> Defined { get; } = new(StringComparer.Ordinal);

    public void SetForwarding(string name, JsonElement definition) => Keep("forwarding:" + name, definition, "address");

    public bool RemoveForwarding(string name) => Defined.TryRemove("forwarding:" + name, out _);

    public void SetTenant(string name, JsonElement definition) => Keep("tenant:" + name, definition, "collectorAddress");

    public bool RemoveTenant(string name) => Defined.TryRemove("tenant:" + name, out _);

    private void Keep(string key, JsonElement definition, string required)
    {
        if (!definition.TryGetProperty(required, out _))
        {
            throw new FormatException(required + ": required");
        }

        Defined[key] = definition.GetRawText();
    }
}
