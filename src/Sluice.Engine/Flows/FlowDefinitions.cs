using System.Collections.Concurrent;
using Sluice.Engine.Flows.Logging;
using Sluice.Engine.Ingest;

namespace Sluice.Engine.Flows;

/// <summary>
/// The named flow definitions of an engine (sFlow-RT's <c>setFlow</c>): each is validated once, then compiled
/// into one copy per shard, whose worker feeds it the shard's samples.
/// </summary>
public sealed class FlowDefinitions
{
    private readonly Shard[] _shards;
    private readonly FlowLanguageServices _services;
    private readonly FlowLogging _logging;
    private readonly ConcurrentDictionary<string, FlowDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly int _max;

    internal FlowDefinitions(Shard[] shards, FlowLanguageServices services, FlowLogging logging, int max)
    {
        _max = max;
        _shards = shards;
        _services = services;
        _logging = logging;
    }

    public ICollection<string> Names => _definitions.Keys;

    /// <summary>Defines or replaces <paramref name="name"/>; a replaced definition starts with empty tables.</summary>
    /// <exception cref="FlowSyntaxException">
    /// The definition does not compile, or <paramref name="name"/> is new and the engine already holds its most
    /// definitions (<see cref="EngineOptions.MaxFlowDefinitions"/>); nothing is changed.
    /// </exception>
    public void Set(string name, FlowDefinition definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        FlowLogging.Validate(definition.Compile(_services), _logging.Options.MaxMessageBytes);
        lock (_lock)
        {
            if (_definitions.Count >= _max && !_definitions.ContainsKey(name))
            {
                throw new FlowSyntaxException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"too many flow definitions: at most {_max} (flow.maxdefinitions); remove one or replace an existing name"));
            }

            _definitions[name] = definition;
            var exporter = _logging.StartExporter(name, definition.Compile(_services));
            foreach (var shard in _shards)
            {
                var flow = definition.Compile(_services);
                shard.SetFlow(new ShardFlow(name, flow, _logging.CreateCache(name, flow, exporter)));
            }
        }
    }

    /// <summary>Removes <paramref name="name"/>; false when it was not defined.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (!_definitions.TryRemove(name, out _))
            {
                return false;
            }

            foreach (var shard in _shards)
            {
                shard.RemoveFlow(name);
            }

            _logging.StopExporter(name);

            return true;
        }
    }

    public FlowDefinition? TryGet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _definitions.TryGetValue(name, out var definition) ? definition : null;
    }

    /// <summary>The <c>/activeflows</c> filter <paramref name="filter"/> over the keys of definition <paramref name="name"/>; null when it is not defined.</summary>
    /// <exception cref="FlowSyntaxException">The filter does not parse or names a key the definition does not have.</exception>
    public FlowKeyFilter? CompileKeyFilter(string name, string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (TryGet(name) is not { } definition)
        {
            return null;
        }

        var keys = FlowDefinition.SplitList(definition.Keys).ConvertAll(k => k.Text);
        return FlowKeyFilter.Parse(filter, keys, definition.Fs, _services);
    }

    /// <summary>A snapshot of every definition by name.</summary>
    public IReadOnlyDictionary<string, FlowDefinition> All() =>
        new SortedDictionary<string, FlowDefinition>(_definitions, StringComparer.Ordinal);
}
