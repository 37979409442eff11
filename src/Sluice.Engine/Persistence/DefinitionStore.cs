using System.Text.Json.Nodes;

namespace Sluice.Engine.Persistence;

/// <summary>
/// The definitions made over REST that a restart must bring back, one <see cref="DefinitionFile"/> per
/// <see cref="DefinitionKind"/> in one directory (<c>store/definitions/flows.json</c>, <c>thresholds.json</c>, ...).
/// Only what a caller hands to <see cref="Set"/> is kept, so definitions that apps make (and re-make when they start,
/// as in sFlow-RT) never reach the disk. <see cref="Off"/> keeps nothing.
/// </summary>
public sealed class DefinitionStore
{
    private readonly DefinitionFile[] _files;

    /// <param name="directory">Where the files live; created on the first write.</param>
    /// <param name="warn">Told about files set aside and writes that failed.</param>
    public DefinitionStore(string directory, Action<string> warn, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        _files = [.. Enum.GetValues<DefinitionKind>().Select(kind => new DefinitionFile(Path.Combine(Directory, FileName(kind)), warn, time))];
    }

    private DefinitionStore()
    {
        _files = [];
    }

    /// <summary>A store that keeps nothing: every call is accepted and forgotten.</summary>
    public static DefinitionStore Off { get; } = new();

    /// <summary>Where the files live; null when the store is <see cref="Off"/>.</summary>
    public string? Directory { get; }

    public bool Enabled => Directory is not null;

    /// <summary>The file name of a kind: <c>groups.json</c>, <c>maps.json</c>, <c>flows.json</c>, <c>thresholds.json</c>, <c>forwarding.json</c>, <c>tenants.json</c>.</summary>
    public static string FileName(DefinitionKind kind) => kind switch
    {
        DefinitionKind.Groups => "groups.json",
        DefinitionKind.Maps => "maps.json",
        DefinitionKind.Flows => "flows.json",
        DefinitionKind.Thresholds => "thresholds.json",
        DefinitionKind.Forwarding => "forwarding.json",
        DefinitionKind.Tenants => "tenants.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kept definitions of <paramref name="kind"/>, read from its file (see <see cref="DefinitionFile.Load"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Load(DefinitionKind kind) => File(kind)?.Load() ?? [];

    /// <summary>Keeps <paramref name="definition"/> as <paramref name="name"/> of <paramref name="kind"/>; written shortly after.</summary>
    public void Set(DefinitionKind kind, string name, JsonNode definition) => File(kind)?.Set(name, definition);

    /// <summary>Forgets <paramref name="name"/> of <paramref name="kind"/>; nothing happens when it was not kept.</summary>
    public void Remove(DefinitionKind kind, string name) => File(kind)?.Remove(name);

    /// <summary>Completes once every change made so far is on disk (or has failed and been reported).</summary>
    public Task FlushAsync() => Task.WhenAll(_files.Select(f => f.FlushAsync()));

    private DefinitionFile? File(DefinitionKind kind) => Enabled ? _files[(int)kind] : null;
}
