using System.Collections.Concurrent;

namespace Sluice.Engine.Flows;

/// <summary>In-memory <see cref="IFlowMaps"/>: a map is replaced whole by <see cref="SetMap"/>, lookups need no lock.</summary>
public sealed class FlowMaps : IFlowMaps
{
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _maps = new(StringComparer.Ordinal);

    public void SetMap(string name, IReadOnlyDictionary<string, string> entries) =>
        _maps[name] = new Dictionary<string, string>(entries, StringComparer.Ordinal);

    public bool RemoveMap(string name) => _maps.TryRemove(name, out _);

    public bool TryGetValue(string mapName, ReadOnlySpan<char> key, out string value)
    {
        if (_maps.TryGetValue(mapName, out var map) && map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
