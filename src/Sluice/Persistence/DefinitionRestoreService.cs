using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sluice.Api;
using Sluice.Engine;
using Sluice.Engine.Flows;
using Sluice.Engine.Forwarding;
using Sluice.Engine.Persistence;

namespace Sluice.Persistence;

/// <summary>
/// Brings back what was defined over REST before the last stop: at start (before the HTTP server and the apps, which
/// are started after it) each kept definition goes through the same parser and registry as its <c>PUT</c>; at stop
/// every pending write is flushed. A definition that no longer validates (a flow key renamed, a collector now outside
/// <c>forwarding.allow</c>) is logged with its JSON and dropped; the others load.
/// </summary>
internal sealed partial class DefinitionRestoreService : IHostedService
{
    private readonly DefinitionStore _store;
    private readonly SluiceEngine _engine;
    private readonly GroupDefinitions _groups;
    private readonly ILogger<DefinitionRestoreService> _logger;

    public DefinitionRestoreService(DefinitionStore store, SluiceEngine engine, GroupDefinitions groups, ILogger<DefinitionRestoreService> logger)
    {
        _store = store;
        _engine = engine;
        _groups = groups;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_store.Enabled)
        {
            return Task.CompletedTask;
        }

        foreach (var kind in Enum.GetValues<DefinitionKind>())
        {
            var restored = 0;
            foreach (var (name, definition) in _store.Load(kind))
            {
                if (TryApply(kind, name, definition, out var reason))
                {
                    restored++;
                    continue;
                }

                LogSkipped(_logger, kind, name, reason, definition.ToJsonString());
                _store.Remove(kind, name);
            }

            if (restored > 0)
            {
                LogRestored(_logger, restored, kind, _store.Directory!);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _store.FlushAsync().WaitAsync(cancellationToken);

    private bool TryApply(DefinitionKind kind, string name, JsonNode definition, out string reason)
    {
        try
        {
            using var document = JsonDocument.Parse(definition.ToJsonString());
            var json = document.RootElement;
            switch (kind)
            {
                case DefinitionKind.Groups:
                    _groups.SetGroups(name, Labelled(definition));
                    break;
                case DefinitionKind.Maps:
                    _groups.SetMap(name, Labelled(definition));
                    break;
                case DefinitionKind.Flows:
                    _engine.Flows.Set(name, FlowEndpoints.Parse(json));
                    break;
                case DefinitionKind.Thresholds:
                    _engine.Thresholds.Set(name, ThresholdEndpoints.Parse(json));
                    break;
                case DefinitionKind.Forwarding:
                    _engine.Forwarding.Set(name, ForwardingJson.ParseSession(json));
                    break;
                case DefinitionKind.Tenants:
                    _engine.Tenants.Set(name, ForwardingJson.ParseTenant(json));
                    break;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or FlowSyntaxException or ForwardingDeniedException or ArgumentException)
        {
            reason = e.Message;
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>A group set or map as <c>PUT /group</c> and <c>PUT /map</c> read it: label → items, all strings.</summary>
    /// <exception cref="JsonException">It is not <c>{"label":["item",...],...}</c>.</exception>
    private static Dictionary<string, string[]> Labelled(JsonNode definition)
    {
        var labelled = definition.Deserialize<Dictionary<string, string[]>>() ?? throw new JsonException("expected {\"label\":[\"item\",...],...}");
        return labelled.Values.Any(items => items is null || items.Contains(null))
            ? throw new JsonException("expected {\"label\":[\"item\",...],...}")
            : labelled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} {Kind} definitions from {Directory}")]
    private static partial void LogRestored(ILogger logger, int count, DefinitionKind kind, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored {Kind} definition '{Name}' not restored and dropped: {Reason}; it was {Json}")]
    private static partial void LogSkipped(ILogger logger, DefinitionKind kind, string name, string reason, string json);
}
