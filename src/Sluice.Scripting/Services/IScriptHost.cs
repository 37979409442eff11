using System.Text.Json;

namespace Sluice.Scripting.Services;

/// <summary>
/// What scripts need from the server that the engine alone does not know: properties, the version, the analyzer and
/// agent statistics, and the same definition parsers the REST API uses, so <c>setFlow(name, spec)</c> and
/// <c>PUT /flow/{name}/json</c> accept and reject exactly the same definitions.
/// </summary>
public interface IScriptHost
{
    /// <summary>sFlow-RT's version string (<c>/version</c>).</summary>
    string Version { get; }

    /// <summary>A system property by its sFlow-RT name (<c>http.port</c>), or null.</summary>
    string? GetProperty(string name);

    /// <summary>The names of every system property that has a value.</summary>
    IReadOnlyList<string> PropertyNames();

    /// <summary>The <c>/analyzer/json</c> object.</summary>
    object Analyzer();

    /// <summary>The <c>/agents/json</c> map, narrowed to <paramref name="agents"/> when given.</summary>
    object Agents(IReadOnlyCollection<string>? agents);

    /// <summary>Defines or replaces a flow, as <c>PUT /flow/{name}/json</c>.</summary>
    /// <exception cref="FormatException">The definition is malformed or does not compile.</exception>
    void SetFlow(string name, JsonElement definition);

    /// <summary>Sets a group set, as <c>PUT /group/{name}/json</c>; false when a CIDR does not parse (nothing changes).</summary>
    bool SetGroups(string name, IReadOnlyDictionary<string, string[]> groups);

    /// <summary>Sets a map, as <c>PUT /map/{name}/json</c>.</summary>
    void SetMap(string name, IReadOnlyDictionary<string, string[]> map);
}
