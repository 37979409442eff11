using System.Collections.Concurrent;

namespace Sluice.Api;

/// <summary>The groups and maps as PUT over REST (label → items), so GET returns them as given.</summary>
internal sealed class GroupDefinitions
{
    public ConcurrentDictionary<string, Dictionary<string, string[]>> Groups { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Dictionary<string, string[]>> Maps { get; } = new(StringComparer.Ordinal);
}
