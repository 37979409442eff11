using System.Collections.Concurrent;
using Sluice.Engine.Flows;

namespace Sluice.Api;

/// <summary>
/// The groups and maps as set over REST or by scripts (label → items): applied to the flow language's lookups and kept
/// as given, so GET returns them. <c>PUT /group</c> and <c>setGroups</c> both come here, so they agree.
/// </summary>
internal sealed class GroupDefinitions
{
    private readonly FlowGroups _groups;
    private readonly FlowMaps _maps;

    public GroupDefinitions(FlowGroups groups, FlowMaps maps)
    {
        _groups = groups;
        _maps = maps;
    }

    public ConcurrentDictionary<string, Dictionary<string, string[]>> Groups { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Dictionary<string, string[]>> Maps { get; } = new(StringComparer.Ordinal);

    /// <exception cref="FormatException">A CIDR does not parse (nothing is changed).</exception>
    public void SetGroups(string name, Dictionary<string, string[]> groups)
    {
        _groups.SetGroups(name, groups.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
        Groups[name] = groups;
    }

    public bool RemoveGroups(string name)
    {
        _groups.RemoveGroups(name);
        return Groups.TryRemove(name, out _);
    }

    public void SetMap(string name, Dictionary<string, string[]> map)
    {
        // The flow language looks values up: invert label → values into value → label.
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, values) in map)
        {
            foreach (var value in values)
            {
                entries[value] = label;
            }
        }

        _maps.SetMap(name, entries);
        Maps[name] = map;
    }

    public bool RemoveMap(string name)
    {
        _maps.RemoveMap(name);
        return Maps.TryRemove(name, out _);
    }
}
