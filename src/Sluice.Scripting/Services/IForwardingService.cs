using System.Text.Json;

namespace Sluice.Scripting.Services;

/// <summary>
/// Forwarding and tenants from scripts (sflow-rt-api.md §1.6): the same definitions as <c>PUT /forwarding/{name}/json</c>
/// and <c>PUT /tenant/{name}/json</c>. sFlow-RT's JavaScript names for these are undocumented; Sluice uses
/// <c>setForwarding</c>, <c>clearForwarding</c>, <c>setTenant</c>, <c>clearTenant</c>. Bound by the server.
/// </summary>
public interface IForwardingService
{
    /// <exception cref="FormatException">The definition is malformed or its destination is refused.</exception>
    void SetForwarding(string name, JsonElement definition);

    bool RemoveForwarding(string name);

    /// <exception cref="FormatException">The definition is malformed or its destination is refused.</exception>
    void SetTenant(string name, JsonElement definition);

    bool RemoveTenant(string name);
}
