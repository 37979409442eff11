using System.Text.Json;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>A plain <see cref="IScriptHost"/> over an engine: properties from a dictionary, definitions set directly.</summary>
internal sealed class TestScriptHost : IScriptHost
{
    private readonly SluiceEngine _engine;

    public TestScriptHost(SluiceEngine engine, IReadOnlyDictionary<string, string> properties)
    {
        _engine = engine;
        Properties = properties;
    }

    public IReadOnlyDictionary<string, string> Properties { get; }

    public Dictionary<string, IReadOnlyDictionary<string, string[]>> Groups { get; } = [];

    public string Version => "test-1";

    public string? GetProperty(string name) => Properties.GetValueOrDefault(name);

    public IReadOnlyList<string> PropertyNames() => [.. Properties.Keys.Order(StringComparer.Ordinal)];

    public object Analyzer() => new Dictionary<string, object> { ["version"] = Version, ["sFlowAgents"] = _engine.AgentCount };

    public object Agents(IReadOnlyCollection<string>? agents) => _engine.Agents.ToDictionary(a => a.Name, a => new { sFlowDatagramsReceived = a.Datagrams });

    public void SetFlow(string name, JsonElement definition)
    {
        string? Text(string field) => definition.TryGetProperty(field, out var value) ? value.GetString() : null;
        try
        {
            _engine.Flows.Set(name, new FlowDefinition
            {
                Keys = Text("keys"),
                Value = Text("value"),
                Filter = Text("filter"),
                Fs = Text("fs") ?? ",",
                Log = definition.TryGetProperty("log", out var log) && log.GetBoolean(),
                FlowStart = definition.TryGetProperty("flowStart", out var start) && start.GetBoolean(),
            });
        }
        catch (FlowSyntaxException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    public bool SetGroups(string name, IReadOnlyDictionary<string, string[]> groups)
    {
        Groups[name] = groups;
        return groups.Values.SelectMany(v => v).All(cidr => System.Net.IPNetwork.TryParse(cidr, out _));
    }

    public void SetMap(string name, IReadOnlyDictionary<string, string[]> map) => Groups["map:" + name] = map;
}
