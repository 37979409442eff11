using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Sluice.Api;
using Sluice.Configuration;
using Sluice.Engine;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>
/// What scripts ask of <c>sluice serve</c>, answered by the same code as the REST API: properties from the
/// configuration, <c>/analyzer/json</c>, <c>/agents/json</c>, the <c>/flow</c> definition parser, and the groups and
/// maps of <c>/group</c> and <c>/map</c>.
/// </summary>
internal sealed class ServeScriptHost : IScriptHost
{
    private readonly IConfiguration _configuration;
    private readonly IReadOnlyCollection<string> _propertyKeys;
    private readonly SluiceEngine _engine;
    private readonly HttpStatistics _http;
    private readonly GroupDefinitions _groups;

    /// <param name="propertyKeys">The configuration keys given as <c>-D</c> properties (and property files).</param>
    public ServeScriptHost(IConfiguration configuration, IReadOnlyCollection<string> propertyKeys, SluiceEngine engine, HttpStatistics http, GroupDefinitions groups)
    {
        _configuration = configuration;
        _propertyKeys = propertyKeys;
        _engine = engine;
        _http = http;
        _groups = groups;
    }

    public string Version => SluiceVersion.Text;

    public string? GetProperty(string name) => _configuration[SflowRtProperties.Key(name)];

    public IReadOnlyList<string> PropertyNames() =>
        [.. _propertyKeys.Where(k => _configuration[k] is not null).Select(k => k.Replace(':', '.')).Order(StringComparer.Ordinal)];

    public object Analyzer() => AnalyzerStatistics.Collect(_engine, _http);

    public object Agents(IReadOnlyCollection<string>? agents)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = new SortedDictionary<string, AgentStatistics>(StringComparer.Ordinal);
        foreach (var agent in _engine.Agents)
        {
            if (agents is null || agents.Count == 0 || agents.Contains("ALL") || agents.Contains(agent.Name))
            {
                result[agent.Name] = AgentStatistics.From(agent, now);
            }
        }

        return result;
    }

    public void SetFlow(string name, JsonElement definition)
    {
        try
        {
            _engine.Flows.Set(name, FlowEndpoints.Parse(definition));
        }
        catch (Engine.Flows.FlowSyntaxException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    public bool SetGroups(string name, IReadOnlyDictionary<string, string[]> groups)
    {
        try
        {
            _groups.SetGroups(name, new Dictionary<string, string[]>(groups, StringComparer.Ordinal));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void SetMap(string name, IReadOnlyDictionary<string, string[]> map) =>
        _groups.SetMap(name, new Dictionary<string, string[]>(map, StringComparer.Ordinal));
}
