using System.Collections.Concurrent;

namespace Sluice.Scripting.Hosting;

/// <summary>
/// The values scripts keep: <c>sharedGet</c>/<c>sharedSet</c> in memory for every script of the process, and one
/// <see cref="PersistentStore"/> per app for <c>storeGet</c>/<c>storeSet</c>. Values are JSON text, so no script
/// engine's objects cross threads.
/// </summary>
public sealed class ScriptStores
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, PersistentStore> _stores = new(StringComparer.Ordinal);

    public ScriptStores(string directory)
    {
        _directory = directory;
    }

    public ConcurrentDictionary<string, string> Shared { get; } = new(StringComparer.Ordinal);

    /// <summary>The persistent store of <paramref name="scope"/> (an app name, or a standalone script's file name).</summary>
    public PersistentStore For(string scope)
    {
        var safe = string.Concat(scope.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return _stores.GetOrAdd(safe, name => new PersistentStore(Path.Combine(_directory, name + ".json")));
    }
}
